package dev.tributary.bench.report;

/** The targets the report checks, and the figures the older engines published. */
public final class Targets {

  /** Step transitions per second end to end, on this two-core machine. */
  public static final double TRANSITIONS_PER_SECOND = 10_000;

  /** The end-to-end run the throughput target is judged on. */
  public static final int THROUGHPUT_TASKS = 10_000;

  /**
   * Per sequential stage, at {@link #SEQUENTIAL_STEPS_PER_SECOND}: the p50 as a multiple of the
   * latency floor (two Kafka hops and two commits) measured in the same run, and the p99.
   */
  public static final double STAGE_P50_FLOOR_MULTIPLE = 1.5;

  public static final double STAGE_P99_MS = 25;

  /** CPU per step at saturation (the judged end-to-end run), every process of the system. */
  public static final double CPU_MS_PER_STEP = 0.25;

  /** The knee: the highest steady rate whose stage p99 stays within 100 ms. */
  public static final double KNEE_STEPS_PER_SECOND = 3_000;

  /** The history scenario: finished tasks, and how far its figures may fall from the empty run. */
  public static final int HISTORY_TASKS = 1_000_000;

  public static final double HISTORY_TOLERANCE = 0.10;

  /** Steps per CPU-second against the peer (DBOS Transact), as a multiple of the peer's. */
  public static final double PEER_MULTIPLE = 2;

  public static final double SEQUENTIAL_STEPS_PER_SECOND = 1_000;

  /** A readiness tick over {@link #READINESS_TASKS} active tasks. */
  public static final double READINESS_TICK_MS = 50;

  public static final int READINESS_TASKS = 50_000;

  /** End-to-end transitions per second as a fraction of the database floor. */
  public static final double FLOOR_FRACTION = 0.5;

  /** The older Rust engine: per sequential stage and for four linear steps, p50. */
  public static final double OLDER_STAGE_P50_MS = 64;

  public static final double OLDER_FOUR_STEPS_P50_MS = 255;

  /** The older engines: database operations per step over a whole workflow. */
  public static final double OLDER_STATEMENTS_PER_STEP = 19;

  private Targets() {}

  /** The older Rails engine's readiness figure (after its optimisation) for a number of tasks. */
  public static String olderReadiness(int activeTasks) {
    return switch (activeTasks) {
      case 50 -> "< 100 ms";
      case 500 -> "< 500 ms";
      case 5_000 -> "< 2 s";
      case 50_000 -> "< 10 s";
      default -> "—";
    };
  }
}
