package dev.tributary.bench.scenario;

import dev.tributary.bench.console.Terminal;
import dev.tributary.bench.infra.Infrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The knee: the highest steady rate at which the sequential stage's p99 stays within {@link
 * #P99_LIMIT_MS}. The rate is stepped up, each step a short sequential run on fresh services, until
 * a step misses the limit (or does not finish); the knee is the last step that held.
 */
public final class Knee {

  /** The per-stage p99 a rate must keep to count as sustained. */
  public static final double P99_LIMIT_MS = 100;

  /**
   * The figures.
   *
   * @param steps each rate tried, in order
   * @param knee the last one that held, if any
   */
  public record Result(List<Sequential.Result> steps, Sequential.@Nullable Result knee) {

    /** Steps per second at the knee; 0 when no rate held. */
    public double stepsPerSecond() {
      return knee == null ? 0 : knee.achievedStepsPerSecond();
    }
  }

  private Knee() {}

  /**
   * Runs the search.
   *
   * @param stepRates the rates to try, steps per second, ascending
   */
  public static Result run(
      Infrastructure infrastructure,
      List<Integer> stepRates,
      Duration warmup,
      Duration measured,
      boolean sendStarted) {
    List<Sequential.Result> steps = new ArrayList<>();
    Sequential.Result knee = null;
    for (int stepsPerSecond : stepRates) {
      Sequential.Result step =
          Sequential.run(
              infrastructure,
              (double) stepsPerSecond / Sequential.STEPS_PER_TASK,
              warmup,
              measured,
              sendStarted);
      steps.add(step);
      boolean held =
          step.finished() && !step.perStage().isEmpty() && step.perStage().p99() <= P99_LIMIT_MS;
      Terminal.line(
          String.format(
              Locale.ROOT,
              "    %,d steps/s: stage p50 %.1f ms, p99 %.1f ms: %s",
              stepsPerSecond,
              step.perStage().p50(),
              step.perStage().p99(),
              held ? "held" : "missed, the search stops"));
      if (!held) {
        break;
      }
      knee = step;
    }
    return new Result(steps, knee);
  }
}
