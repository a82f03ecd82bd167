package dev.tributary.testkit.worker;

import dev.tributary.testkit.process.HandlerRun;
import dev.tributary.testkit.process.ScriptedHandler;
import dev.tributary.testkit.process.WorkerScript;
import dev.tributary.worker.StepContext;
import dev.tributary.worker.StepFailure;
import dev.tributary.worker.StepHandler;
import dev.tributary.worker.StepOutcome;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One scripted handler: logs the run before anything else (so that a run a SIGKILL cuts short is
 * counted too), pretends to work for the behaviour's delay, then answers as the behaviour says.
 * Every success carries {@code worker}, {@code run_id} and {@code attempt} in its result.
 */
final class ScriptedStepHandler implements StepHandler {

  private static final long PID = ProcessHandle.current().pid();

  private final WorkerScript script;
  private final ScriptedHandler behaviour;
  private final AtomicLong runs = new AtomicLong();

  ScriptedStepHandler(WorkerScript script, ScriptedHandler behaviour) {
    this.script = script;
    this.behaviour = behaviour;
  }

  @Override
  public StepOutcome handle(StepContext context) throws InterruptedException {
    UUID runId = UUID.randomUUID();
    HandlerRun.append(
        script.runLog(),
        new HandlerRun(
            runId,
            script.worker(),
            PID,
            context.taskId(),
            context.stepId(),
            context.stepName(),
            context.attempt(),
            Instant.now()));
    long run = runs.incrementAndGet();
    if (!behaviour.delay().isZero()) {
      // Pretended work; the worker interrupts it at the step's deadline.
      Thread.sleep(behaviour.delay());
    }
    ObjectNode result =
        JsonNodeFactory.instance
            .objectNode()
            .put("worker", script.worker())
            .put("run_id", runId.toString())
            .put("attempt", context.attempt());
    return switch (behaviour) {
      case ScriptedHandler.Succeed succeed -> StepOutcome.success(result);
      case ScriptedHandler.FailEvery failing -> {
        if (run % failing.n() == 0) {
          throw scriptedFailure(
              "run " + run + " of this handler, every " + failing.n() + "th fails");
        }
        yield StepOutcome.success(result);
      }
      case ScriptedHandler.FailAttempts failing -> {
        if (context.attempt() <= failing.attempts()) {
          throw scriptedFailure(
              "attempt " + context.attempt() + " of the first " + failing.attempts() + " fails");
        }
        yield StepOutcome.success(result);
      }
      case ScriptedHandler.CreateSteps decision ->
          decision.steps().isEmpty()
              ? StepOutcome.noBranches().withResult(result)
              : StepOutcome.decide(decision.steps()).withResult(result);
      case ScriptedHandler.CreateBatches batches ->
          batches.batches() == 0
              ? StepOutcome.noBatches().withResult(result)
              : StepOutcome.split(batches.batches(), 1).withResult(result);
    };
  }

  private static StepFailure scriptedFailure(String why) {
    return StepFailure.retryable("scripted failure: " + why).withErrorClass("ScriptedFailure");
  }
}
