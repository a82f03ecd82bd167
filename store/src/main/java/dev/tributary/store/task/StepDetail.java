package dev.tributary.store.task;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One step with why it is (not) running.
 *
 * @param step the step
 * @param readiness its readiness, recomputed from its dependencies
 */
public record StepDetail(@JsonUnwrapped StepView step, Readiness readiness) {

  /**
   * Why a step is (not) running.
   *
   * @param ready whether the scheduler can dispatch it now
   * @param waitingFor the dependencies it still waits for
   * @param blockingReason what holds it, in words; null when nothing does
   */
  public record Readiness(
      boolean ready, List<String> waitingFor, @Nullable String blockingReason) {}
}
