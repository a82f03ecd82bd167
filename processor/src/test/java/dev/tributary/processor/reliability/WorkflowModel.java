package dev.tributary.processor.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.contracts.BatchCursor;
import dev.tributary.contracts.Expansion;
import dev.tributary.contracts.Limits;
import dev.tributary.contracts.Outcome;
import dev.tributary.contracts.StepResult;
import dev.tributary.contracts.StepState;
import dev.tributary.core.template.StepKind;
import dev.tributary.processor.reliability.RandomTemplate.StepDef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The oracle: one task of a {@link RandomTemplate}, replaying what happened to it (claims and
 * delivered results, in the order the processor saw them) through the state machine of
 * docs/ARCHITECTURE.md, written from the documentation and independent of the processor's code. It
 * predicts which steps exist, each step's state, attempts and stored result, and the task's final
 * state.
 */
final class WorkflowModel {

  /** The most batches one outcome may ask for (tributary.expansion.max-batches's default). */
  static final long MAX_BATCHES = Limits.MAX_BATCHES_PER_OUTCOME;

  /** A step as the model sees it. */
  static final class Step {
    final String name;
    final StepDef def;
    final List<String> dependsOn;
    StepState state = StepState.PENDING;
    int attempts;
    @Nullable String results;
    @Nullable String checkpoint;
    long checkpointSequence;

    Step(String name, StepDef def, List<String> dependsOn) {
      this.name = name;
      this.def = def;
      this.dependsOn = List.copyOf(dependsOn);
    }
  }

  private final RandomTemplate template;
  private final Map<String, Step> steps = new LinkedHashMap<>();

  WorkflowModel(RandomTemplate template) {
    this.template = template;
    for (StepDef def : template.steps().values()) {
      if (def.initial()) {
        create(def.name(), def, def.dependsOn());
      }
    }
  }

  Map<String, Step> steps() {
    return steps;
  }

  /** The scheduler claimed the step: it must have been ready or waiting for a retry. */
  void claimed(String name, int attempt) {
    Step step = steps.get(name);
    assertThat(step).as("claimed step %s exists in the model", name).isNotNull();
    boolean ready = step.state == StepState.PENDING && unmet(step) == 0;
    assertThat(ready || step.state == StepState.WAITING_FOR_RETRY)
        .as("step %s claimed from %s with %d unmet dependencies", name, step.state, unmet(step))
        .isTrue();
    assertThat(attempt).as("attempt of the claim of %s", name).isEqualTo(step.attempts + 1);
    step.attempts = attempt;
    step.state = StepState.ENQUEUED;
    step.checkpointSequence = 0; // a new attempt counts its checkpoints from 1 again
  }

  /** A result was delivered to the processor. */
  void delivered(String name, StepResult result) {
    Step step = steps.get(name);
    if (step == null || result.attempt() != step.attempts) {
      return; // a stale attempt is recorded and ignored
    }
    boolean inFlight = step.state == StepState.ENQUEUED || step.state == StepState.IN_PROGRESS;
    if (!inFlight) {
      return; // a duplicate or late message changes nothing
    }
    switch (result.outcome()) {
      case Outcome.Started s -> step.state = StepState.IN_PROGRESS;
      case Outcome.Checkpointed c -> {
        if (c.sequence() != null && c.sequence() <= step.checkpointSequence) {
          return; // an older checkpoint than the one stored
        }
        step.state = StepState.IN_PROGRESS;
        step.checkpoint = c.checkpoint().toString();
        if (c.sequence() != null) {
          step.checkpointSequence = c.sequence();
        }
      }
      case Outcome.Failed f -> {
        boolean retry =
            f.retryable() && step.def.retryable() && step.attempts < step.def.maxAttempts();
        step.state = retry ? StepState.WAITING_FOR_RETRY : StepState.ERROR;
      }
      case Outcome.Succeeded success -> {
        if (!valid(step, success.expansion())) {
          step.state = StepState.ERROR;
          return;
        }
        step.state = StepState.COMPLETE;
        step.results = success.result().toString();
        expand(step, success.expansion());
      }
    }
  }

  /** Steps whose dependencies that exist are not all complete. */
  int unmet(Step step) {
    int unmet = 0;
    for (String dependency : step.dependsOn) {
      if (steps.get(dependency).state != StepState.COMPLETE) {
        unmet++;
      }
    }
    return unmet;
  }

  /** Complete when every step is; blocked when a step failed for good and nothing can move. */
  String expectedTaskState() {
    boolean allComplete = steps.values().stream().allMatch(s -> s.state == StepState.COMPLETE);
    return allComplete ? "complete" : "blocked_by_failures";
  }

  private static boolean valid(Step step, @Nullable Expansion expansion) {
    return switch (step.def.kind()) {
      case DECISION ->
          expansion instanceof Expansion.NoBranches
              || (expansion instanceof Expansion.CreateSteps create
                  && step.def.branches().containsAll(create.stepNames()));
      case BATCHABLE ->
          expansion instanceof Expansion.NoBatches
              || (expansion instanceof Expansion.CreateBatches batches
                  && count(batches) <= MAX_BATCHES);
      default -> expansion == null;
    };
  }

  /** Creates what an outcome creates, as docs/ARCHITECTURE.md describes it. */
  private void expand(Step step, @Nullable Expansion expansion) {
    if (step.def.kind() == StepKind.DECISION && expansion instanceof Expansion.CreateSteps create) {
      for (String branch : create.stepNames()) {
        StepDef def = template.steps().get(branch);
        create(branch, def, List.of(step.name));
        StepDef next = template.steps().get(branch + "_2");
        if (next != null && def.kind() == StepKind.STANDARD) {
          create(next.name(), next, List.of(branch));
        }
      }
      if (step.def.merge() != null) {
        StepDef convergence = template.steps().get(step.def.merge());
        // Intersection semantics: edges only from the dependencies that were created.
        List<String> created = convergence.dependsOn().stream().filter(steps::containsKey).toList();
        if (!created.isEmpty()) {
          create(convergence.name(), convergence, created);
          follower(step.def, convergence.name());
        }
      }
    } else if (step.def.kind() == StepKind.BATCHABLE) {
      StepDef worker = template.steps().get(step.def.worker());
      List<String> workers = new ArrayList<>();
      for (String batchId : batchIds(expansion)) {
        String name = worker.name() + "_" + batchId;
        create(name, worker, List.of(step.name));
        workers.add(name);
      }
      if (step.def.merge() != null) {
        create(step.def.merge(), template.steps().get(step.def.merge()), workers);
        follower(step.def, step.def.merge());
      }
    }
  }

  private void follower(StepDef source, String convergence) {
    if (source.follower() != null) {
      create(source.follower(), template.steps().get(source.follower()), List.of(convergence));
    }
  }

  private void create(String name, StepDef def, List<String> dependsOn) {
    assertThat(steps).as("the model creates %s once", name).doesNotContainKey(name);
    steps.put(name, new Step(name, def, dependsOn));
  }

  /**
   * Batch ids as the contract documents them: the cursors' own, or for a split of total items by
   * batch size, the zero-based index, zero-padded to the width of the largest index.
   */
  private static List<String> batchIds(@Nullable Expansion expansion) {
    if (!(expansion instanceof Expansion.CreateBatches batches)) {
      return List.of();
    }
    if (batches.cursors() != null) {
      return batches.cursors().stream().map(BatchCursor::batchId).toList();
    }
    long count = count(batches);
    int width = Long.toString(Math.max(0, count - 1)).length();
    List<String> ids = new ArrayList<>();
    for (long i = 0; i < count; i++) {
      ids.add(String.format(Locale.ROOT, "%0" + width + "d", i));
    }
    return ids;
  }

  private static long count(Expansion.CreateBatches batches) {
    if (batches.cursors() != null) {
      return batches.cursors().size();
    }
    long total = batches.totalItems();
    long size = batches.batchSize();
    return (total + size - 1) / size;
  }
}
