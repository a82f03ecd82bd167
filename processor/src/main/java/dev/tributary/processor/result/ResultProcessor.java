package dev.tributary.processor.result;

import dev.tributary.contracts.StepResult;
import dev.tributary.contracts.StepState;
import dev.tributary.core.expansion.ExpansionPlanner;
import dev.tributary.core.expansion.StepCreation;
import dev.tributary.core.result.ResultFolding;
import dev.tributary.core.result.ResultFolding.Folded;
import dev.tributary.core.result.StepSnapshot;
import dev.tributary.core.result.Verdict;
import dev.tributary.processor.signal.TaskChanges;
import dev.tributary.service.tracing.Traced;
import dev.tributary.store.expansion.StepCreations;
import dev.tributary.store.finalization.TaskFinalization;
import dev.tributary.store.finalization.TaskMoved;
import dev.tributary.store.metrics.StatementCounter;
import dev.tributary.store.result.ResultContexts;
import dev.tributary.store.result.ResultContexts.StepRef;
import dev.tributary.store.result.StepTransitions;
import dev.tributary.store.result.StepTransitions.Moved;
import io.micrometer.tracing.Span;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies a poll of step results in one transaction of a constant number of statements: load every
 * step's snapshot, locking its task (1); fold the messages onto them by the core's rules (no
 * statement); apply every transition with its audit rows and dependency counters (1); create the
 * steps decision and batch outcomes ask for (1, when there are any); finalize every touched task
 * with its audit rows and events (1). After the commit: one scheduling signal per task that may
 * have steps ready, and a nudge to the event relay.
 */
@Component
public class ResultProcessor {

  /** The span of applying one step result: a child of the worker's span, or of the dispatch's. */
  static final String SPAN = "tributary.step.result";

  private final ResultContexts snapshots;
  private final StepTransitions transitions;
  private final StepCreations creations;
  private final TaskFinalization finalization;
  private final ResultFolding folding;
  private final ExpansionPlanner planner;
  private final TransactionTemplate transactions;
  private final TaskChanges changes;
  private final ResultMetrics metrics;
  private final Clock clock;

  ResultProcessor(
      ResultContexts snapshots,
      StepTransitions transitions,
      StepCreations creations,
      TaskFinalization finalization,
      ResultFolding folding,
      ExpansionPlanner planner,
      TransactionTemplate transactions,
      TaskChanges changes,
      ResultMetrics metrics,
      Clock clock) {
    this.snapshots = snapshots;
    this.transitions = transitions;
    this.creations = creations;
    this.finalization = finalization;
    this.folding = folding;
    this.planner = planner;
    this.transactions = transactions;
    this.changes = changes;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** What became of each result, in order: for results that carry no trace context. */
  public List<Verdict> process(List<StepResult> results) {
    return handle(results.stream().map(r -> new Traced<>(r, Span.NOOP, null)).toList());
  }

  /** What became of each result, in order. */
  public List<Verdict> handle(List<Traced<StepResult>> received) {
    List<StepResult> results = received.stream().map(Traced::message).toList();
    Instant now = clock.instant();
    Applied applied;
    try (StatementCounter.Measurement statements = StatementCounter.measure()) {
      applied = transactions.execute(status -> apply(results, TraceParents.of(received), now));
      metrics.batch(results, applied.verdicts(), applied.loaded(), statements.count(), now);
    }
    changes.committed(applied.signal(), applied.tasksMoved());
    endSpans(received, applied.verdicts());
    return applied.verdicts();
  }

  private Applied apply(List<StepResult> results, TraceParents traces, Instant now) {
    Map<UUID, StepSnapshot> loaded =
        snapshots.load(
            results.stream().map(r -> new StepRef(r.stepId(), r.taskId())).distinct().toList());
    Folded folded = folding.fold(results, loaded, now);
    List<Moved> moved = transitions.apply(folded.transitions(), traces.byStep(), now);
    List<StepCreation> expansions = expansions(folded, moved);
    creations.create(expansions, traces.ofCreators(moved, expansions), now);
    Set<UUID> touched =
        moved.stream().map(Moved::taskId).collect(Collectors.toCollection(LinkedHashSet::new));
    List<TaskMoved> tasksMoved =
        finalization.finalizeTasks(touched, traces.byTask(), "step_result", now);
    return new Applied(
        confirm(results, folded, moved), signalled(moved, expansions), tasksMoved, loaded);
  }

  /**
   * Ends each result's span with what became of it. A poll that failed as a whole leaves them open:
   * its records are read again, with new spans.
   */
  private static void endSpans(List<Traced<StepResult>> received, List<Verdict> verdicts) {
    for (int i = 0; i < received.size(); i++) {
      Span span = received.get(i).span();
      if (span.isNoop()) {
        // Not recorded (not sampled, or tracing off): its attributes would go nowhere.
        span.end();
        continue;
      }
      StepResult result = received.get(i).message();
      span.tag("tributary.task.id", result.taskId().toString())
          .tag("tributary.step.id", result.stepId().toString())
          .tag("tributary.attempt", result.attempt())
          .tag("tributary.outcome", ResultMetrics.outcomeName(result.outcome()))
          .tag("tributary.verdict", ResultMetrics.verdictName(verdicts.get(i)))
          .end();
    }
  }

  /** The steps created by the decision and batch outcomes that applied. */
  private List<StepCreation> expansions(Folded folded, List<Moved> moved) {
    List<StepCreation> expansions = new ArrayList<>();
    for (Moved step : moved) {
      if (step.state() == StepState.COMPLETE) {
        folded
            .expansion(step.stepId())
            .ifPresent(e -> expansions.add(planner.plan(e.step(), e.expansion())));
      }
    }
    return expansions;
  }

  /** An applied verdict stands only if its step's guarded update applied. */
  private static List<Verdict> confirm(List<StepResult> results, Folded folded, List<Moved> moved) {
    Set<UUID> movedSteps = moved.stream().map(Moved::stepId).collect(Collectors.toSet());
    List<Verdict> verdicts = new ArrayList<>(results.size());
    for (int i = 0; i < results.size(); i++) {
      Verdict verdict = folded.verdicts().get(i);
      UUID step = results.get(i).stepId();
      boolean lost =
          verdict instanceof Verdict.Applied && folded.changes(step) && !movedSteps.contains(step);
      verdicts.add(lost ? new Verdict.Ignored(Verdict.Reason.CONCURRENT_CHANGE) : verdict);
    }
    return verdicts;
  }

  /**
   * Tasks with steps that may be ready now: a completion met a child's last dependency, or an
   * outcome created steps. A completion that readies nothing (a join still waiting for a sibling,
   * the last step) costs the scheduler nothing.
   */
  private static Set<UUID> signalled(List<Moved> moved, List<StepCreation> expansions) {
    Set<UUID> tasks = new LinkedHashSet<>();
    moved.stream().filter(Moved::stepsReadied).forEach(m -> tasks.add(m.taskId()));
    expansions.forEach(e -> tasks.add(e.taskId()));
    return tasks;
  }

  private record Applied(
      List<Verdict> verdicts,
      Set<UUID> signal,
      List<TaskMoved> tasksMoved,
      Map<UUID, StepSnapshot> loaded) {}

  /**
   * The trace context each step and task of a poll hands on: of its last result in the poll. A
   * step's is stored with its transition and passed to the children it readies; a task's goes to
   * the steps its outcomes create and to the events it writes.
   */
  private record TraceParents(Map<UUID, String> byStep, Map<UUID, String> byTask) {

    static TraceParents of(List<Traced<StepResult>> received) {
      Map<UUID, String> byStep = new HashMap<>();
      Map<UUID, String> byTask = new HashMap<>();
      for (Traced<StepResult> result : received) {
        String traceparent = result.traceparent();
        if (traceparent != null) {
          byStep.put(result.message().stepId(), traceparent);
          byTask.put(result.message().taskId(), traceparent);
        }
      }
      return new TraceParents(byStep, byTask);
    }

    /** By task, the context of the completed step whose outcome created steps in it. */
    Map<UUID, String> ofCreators(List<Moved> moved, List<StepCreation> expansions) {
      if (expansions.isEmpty()) {
        return Map.of();
      }
      Map<UUID, String> creators = new HashMap<>();
      for (Moved step : moved) {
        String traceparent = byStep.get(step.stepId());
        if (step.state() == StepState.COMPLETE && traceparent != null) {
          creators.put(step.taskId(), traceparent);
        }
      }
      return creators;
    }
  }
}
