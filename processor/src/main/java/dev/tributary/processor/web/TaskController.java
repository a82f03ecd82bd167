package dev.tributary.processor.web;

import dev.tributary.contracts.JsonCodec;
import dev.tributary.contracts.TaskRequest;
import dev.tributary.processor.task.CreationOutcome;
import dev.tributary.processor.task.CreationOutcome.Created;
import dev.tributary.processor.task.CreationOutcome.Duplicate;
import dev.tributary.processor.task.CreationOutcome.Rejected;
import dev.tributary.processor.task.RejectedRequestException;
import dev.tributary.processor.task.TaskCreation;
import dev.tributary.store.task.TaskReads;
import dev.tributary.store.task.TaskView;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Create a task; read a task with its steps, states and counters. */
@RestController
@RequestMapping("/api/v1/tasks")
class TaskController {

  private static final JsonCodec<TaskRequest> CODEC = JsonCodec.of(TaskRequest.class);

  private final TaskCreation creation;
  private final TaskReads reads;

  TaskController(TaskCreation creation, TaskReads reads) {
    this.creation = creation;
    this.reads = reads;
  }

  /**
   * Creates a task from a task request (the same JSON as on the task-requests topic). 201 with the
   * new task's id; 200 with the existing task's id when the request is a duplicate.
   */
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<TaskCreated> create(@RequestBody byte[] body) {
    TaskRequest request = CODEC.decode(body);
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
    };
  }

  @GetMapping("/{taskId}")
  TaskView read(@PathVariable UUID taskId) {
    return reads.find(taskId).orElseThrow(() -> new NotFoundException("task " + taskId));
  }

  /**
   * @param taskId the task
   * @param created false when the request was a duplicate of an existing task
   */
  record TaskCreated(UUID taskId, boolean created) {}
}
