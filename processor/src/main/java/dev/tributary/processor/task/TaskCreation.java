package dev.tributary.processor.task;

import dev.tributary.contracts.JsonCodec;
import dev.tributary.contracts.TaskRequest;
import dev.tributary.contracts.UuidV7;
import dev.tributary.core.template.CreationGroups;
import dev.tributary.core.template.TemplatePlan;
import dev.tributary.core.template.TemplateStep;
import dev.tributary.processor.signal.TaskChanges;
import dev.tributary.processor.task.CreationOutcome.Created;
import dev.tributary.processor.task.CreationOutcome.Duplicate;
import dev.tributary.processor.task.CreationOutcome.Failed;
import dev.tributary.processor.task.CreationOutcome.Rejected;
import dev.tributary.processor.template.TemplateCatalog;
import dev.tributary.processor.template.TemplateCatalog.RegisteredTemplate;
import dev.tributary.service.tracing.MessageTracing;
import dev.tributary.store.task.NewTask;
import dev.tributary.store.task.NewTask.NewEdge;
import dev.tributary.store.task.NewTask.NewStep;
import dev.tributary.store.task.TaskInserts;
import io.micrometer.tracing.Span;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates tasks from requests: every task of a batch, with all its initial steps, edges and
 * dependency counters, in one statement and one transaction; then one scheduling signal per new
 * task, after the commit.
 */
@Component
public class TaskCreation {

  /**
   * The span of creating one task: a child of the request's (the caller's, or the HTTP server's).
   */
  static final String SPAN = "tributary.task.create";

  private final TemplateCatalog templates;
  private final TaskInserts inserts;
  private final TransactionTemplate transactions;
  private final TaskChanges changes;
  private final MessageTracing tracing;
  private final Clock clock;

  TaskCreation(
      TemplateCatalog templates,
      TaskInserts inserts,
      TransactionTemplate transactions,
      TaskChanges changes,
      MessageTracing tracing,
      Clock clock) {
    this.templates = templates;
    this.inserts = inserts;
    this.transactions = transactions;
    this.changes = changes;
    this.tracing = tracing;
    this.clock = clock;
  }

  /** What became of each request, in order; each is a delivery of its own. */
  public List<CreationOutcome> create(List<TaskRequest> requests) {
    return submit(
        requests.stream().map(r -> new Submission(r, "new:" + UuidV7.generate())).toList());
  }

  /** What became of each submitted request, in order. */
  public List<CreationOutcome> submit(List<Submission> submissions) {
    Map<String, Optional<RegisteredTemplate>> resolved = new HashMap<>();
    Set<String> keysInBatch = new HashSet<>();
    List<@Nullable CreationOutcome> outcomes = new ArrayList<>();
    List<NewTask> tasks = new ArrayList<>();
    List<Span> spans = new ArrayList<>(submissions.size());
    for (Submission submission : submissions) {
      TaskRequest request = submission.request();
      Span span = tracing.start(SPAN, submission.traceParent());
      spans.add(span);
      Optional<RegisteredTemplate> template =
          resolved.computeIfAbsent(
              request.namespace() + "/" + request.name() + "@" + request.version(),
              k -> templates.find(request.namespace(), request.name(), request.version()));
      try {
        NewTask task =
            newTask(
                submission,
                template.orElseThrow(() -> unknownTemplate(request)),
                tracing.traceparent(span, submission.traceParent()));
        if (keysInBatch.add(task.identityKey())) {
          tasks.add(task);
          outcomes.add(null);
        } else {
          outcomes.add(new Duplicate(task.identityKey()));
        }
      } catch (RejectedRequestException e) {
        outcomes.add(new Rejected(e.getMessage()));
      }
    }
    Set<UUID> created = transactions.execute(status -> inserts.insert(tasks, clock.instant()));
    changes.committed(created, List.of());
    List<CreationOutcome> filled = fill(outcomes, tasks, created);
    for (int i = 0; i < spans.size(); i++) {
      end(spans.get(i), filled.get(i));
    }
    return filled;
  }

  private static void end(Span span, CreationOutcome outcome) {
    switch (outcome) {
      case Created created -> span.tag("tributary.task.id", created.taskId().toString());
      case Duplicate duplicate -> span.tag("tributary.outcome", "duplicate");
      case Rejected rejected -> span.tag("tributary.outcome", "rejected");
      case Failed failed -> span.tag("tributary.outcome", "failed");
    }
    span.end();
  }

  private static List<CreationOutcome> fill(
      List<@Nullable CreationOutcome> outcomes, List<NewTask> tasks, Set<UUID> created) {
    List<CreationOutcome> filled = new ArrayList<>(outcomes.size());
    int next = 0;
    for (CreationOutcome outcome : outcomes) {
      if (outcome != null) {
        filled.add(outcome);
      } else {
        NewTask task = tasks.get(next++);
        filled.add(
            created.contains(task.id())
                ? new Created(task.id())
                : new Duplicate(task.identityKey()));
      }
    }
    return filled;
  }

  private NewTask newTask(
      Submission submission, RegisteredTemplate template, @Nullable String traceParent) {
    TaskRequest request = submission.request();
    String context = request.context().toString();
    int contextBytes = context.getBytes(StandardCharsets.UTF_8).length;
    if (contextBytes > TaskRequest.MAX_CONTEXT_BYTES) {
      throw new RejectedRequestException(
          "context of "
              + contextBytes
              + " bytes exceeds the limit of "
              + TaskRequest.MAX_CONTEXT_BYTES
              + " bytes: every dispatch of the task carries its context, and a dispatch must fit"
              + " in one message of "
              + JsonCodec.MAX_MESSAGE_BYTES
              + " bytes");
    }
    UUID taskId = UuidV7.generate();
    String identityKey = IdentityKeys.of(request, template.template(), submission.delivery());
    TemplatePlan plan = template.plan();
    List<TemplateStep> initial = plan.initialSteps();
    Map<String, UUID> ids = new HashMap<>();
    initial.forEach(step -> ids.put(step.name(), UuidV7.generate()));
    List<NewStep> steps = new ArrayList<>(initial.size());
    List<NewEdge> edges = new ArrayList<>();
    for (TemplateStep step : initial) {
      // A convergence step over steps created later waits for the initial steps whose outcomes
      // will create them (stand-ins), once each.
      Set<UUID> dependencies = new LinkedHashSet<>();
      for (String dependency : plan.dependencies(step.name())) {
        dependencies.add(ids.get(CreationGroups.standIn(plan, dependency, ids.keySet())));
      }
      UUID id = Objects.requireNonNull(ids.get(step.name()), "every initial step has an id");
      steps.add(new NewStep(id, step.name(), step.name(), dependencies.size(), "{}"));
      dependencies.forEach(dependency -> edges.add(new NewEdge(dependency, id)));
    }
    return new NewTask(
        taskId,
        template.id(),
        context,
        request.correlationId(),
        request.parentCorrelationId(),
        request.priority(),
        identityKey,
        steps,
        edges,
        traceParent);
  }

  private static RejectedRequestException unknownTemplate(TaskRequest request) {
    return new RejectedRequestException(
        "unknown template "
            + request.namespace()
            + "/"
            + request.name()
            + (request.version() == null ? " (any version)" : "@" + request.version()));
  }
}
