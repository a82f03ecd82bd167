package dev.tributary.processor.web;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.tributary.contracts.InvalidMessageException;
import dev.tributary.contracts.JsonCodec;
import dev.tributary.contracts.Limits;
import dev.tributary.contracts.TaskRequest;
import dev.tributary.processor.task.CreationOutcome;
import dev.tributary.processor.task.CreationOutcome.Created;
import dev.tributary.processor.task.CreationOutcome.Duplicate;
import dev.tributary.processor.task.CreationOutcome.Rejected;
import dev.tributary.processor.task.RejectedRequestException;
import dev.tributary.processor.task.TaskCreation;
import dev.tributary.store.task.DependencyResults;
import dev.tributary.store.task.TaskReads;
import dev.tributary.store.task.TaskView;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Create a task; read a task with its steps, states and counters. */
@RestController
@Validated
@RequestMapping("/api/v1/tasks")
class TaskController {

  private static final JsonCodec<TaskRequest> CODEC = JsonCodec.of(TaskRequest.class);
  private static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  private final TaskCreation creation;
  private final TaskReads reads;
  private final DependencyResults dependencies;

  TaskController(TaskCreation creation, TaskReads reads, DependencyResults dependencies) {
    this.creation = creation;
    this.reads = reads;
    this.dependencies = dependencies;
  }

  /**
   * Creates a task from a task request (the same JSON as on the task-requests topic). 201 with the
   * new task's id; 200 with the existing task's id when the request is a duplicate. An {@code
   * Idempotency-Key} header is the request's idempotency key: a client that retries with the same
   * key creates one task, whatever the template's identity strategy.
   */
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<TaskCreated> create(
      @RequestBody byte[] body,
      @RequestHeader(name = IDEMPOTENCY_KEY, required = false) @Nullable String idempotencyKey) {
    TaskRequest request = withHeaderKey(CODEC.decode(body), idempotencyKey);
    CreationOutcome outcome = creation.create(List.of(request)).getFirst();
    return switch (outcome) {
      case Created created ->
          ResponseEntity.created(URI.create("/api/v1/tasks/" + created.taskId()))
              .body(new TaskCreated(created.taskId(), true));
      case Duplicate duplicate ->
          ResponseEntity.ok(
              new TaskCreated(
                  reads
                      .idByIdentityKey(duplicate.identityKey())
                      .orElseThrow(() -> new TaskConflictException(duplicate.identityKey())),
                  false));
      case Rejected rejected -> throw new RejectedRequestException(rejected.reason());
      case CreationOutcome.Failed failed ->
          throw new IllegalStateException("creating a single task cannot fail alone");
    };
  }

  private static TaskRequest withHeaderKey(TaskRequest request, @Nullable String key) {
    if (key == null || key.equals(request.idempotencyKey())) {
      return request;
    }
    if (request.idempotencyKey() != null) {
      throw new InvalidMessageException(
          "the "
              + IDEMPOTENCY_KEY
              + " header and the request's idempotency_key differ; send one of them, or the same"
              + " in both");
    }
    try {
      return request.withIdempotencyKey(key);
    } catch (IllegalArgumentException e) {
      throw new InvalidMessageException(
          "invalid " + IDEMPOTENCY_KEY + " header: " + e.getMessage(), e);
    }
  }

  @GetMapping("/{taskId}")
  TaskView read(@PathVariable UUID taskId) {
    return reads.find(taskId).orElseThrow(() -> new NotFoundException("task " + taskId));
  }

  /**
   * A page of a step's dependency results, by dependency name: for a step with more dependencies
   * than its dispatch carries. Pass the last name of a page as {@code after} for the next.
   */
  @GetMapping("/{taskId}/steps/{stepName}/dependency-results")
  DependencyPage dependencyResults(
      @PathVariable UUID taskId,
      @PathVariable String stepName,
      @RequestParam(required = false) @Nullable String after,
      @RequestParam(defaultValue = "100") @Min(1) @Max(Limits.MAX_DEPENDENCY_RESULTS_PAGE)
          int limit) {
    Map<String, @Nullable String> page = dependencies.page(taskId, stepName, after, limit);
    Map<String, RawJson> results = new LinkedHashMap<>();
    page.forEach((name, json) -> results.put(name, new RawJson(json == null ? "null" : json)));
    String last = page.isEmpty() ? null : page.keySet().stream().reduce((a, b) -> b).orElseThrow();
    return new DependencyPage(results, page.size() == limit ? last : null);
  }

  /**
   * @param results dependency results by name, in name order
   * @param next the {@code after} of the next page; absent on the last page
   */
  record DependencyPage(Map<String, RawJson> results, @Nullable String next) {}

  /** JSON kept as it was stored. */
  record RawJson(@JsonRawValue @JsonValue String json) {}

  /**
   * @param taskId the task
   * @param created false when the request was a duplicate of an existing task
   */
  record TaskCreated(UUID taskId, boolean created) {}
}
