package dev.tributary.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What to run, from the command line ({@code ./tributary-bench [options]}).
 *
 * @param quick small sizes for development: minutes instead of a quarter of an hour
 * @param tasks end-to-end runs, tasks each (one processor)
 * @param warmupTasks tasks run before each end-to-end measurement and left out
 * @param readiness active-task counts for the readiness scenario
 * @param repetitions repetitions of each readiness measurement
 * @param pollSize messages in the polls the statements scenario measures
 * @param sequentialRates rates of the sequential scenario, tasks per second (four steps each); the
 *     targets are judged at {@value #JUDGED_RATE} (1,000 steps/s)
 * @param sequentialWarmup its warm-up at the same rate
 * @param sequentialDuration how long it is measured
 * @param floorDuration how long each database-floor configuration runs
 * @param kneeRates the rates the knee search steps through, steps per second, ascending
 * @param kneeDuration how long each of its rates is measured (after a warm-up of a third of it)
 * @param historyTasks finished tasks in the database for the history scenario
 * @param partitions partitions of every topic
 * @param sendStarted whether the simulated workers send {@code started} before each success
 * @param profile whether to record the largest end-to-end run with Java Flight Recorder
 * @param scenarios the scenarios to run
 * @param root the repository root: BENCHMARKS.md and bench/results/ are written there
 * @param reportOnly run nothing: write BENCHMARKS.md and the charts again from the last run's
 *     bench/results/results.json (after a change to the report's layout)
 */
public record BenchOptions(
    boolean quick,
    List<Integer> tasks,
    int warmupTasks,
    List<Integer> readiness,
    int repetitions,
    int pollSize,
    List<Integer> sequentialRates,
    Duration sequentialWarmup,
    Duration sequentialDuration,
    Duration floorDuration,
    List<Integer> kneeRates,
    Duration kneeDuration,
    int historyTasks,
    int partitions,
    boolean sendStarted,
    boolean profile,
    Set<String> scenarios,
    Path root,
    boolean reportOnly) {

  public static final List<String> SCENARIOS =
      List.of(
          "statements",
          "e2e",
          "scaling",
          "sequential",
          "knee",
          "history",
          "peer",
          "library",
          "readiness",
          "floor");

  /** The sequential rate the latency targets are judged at: 1,000 steps/s. */
  public static final int JUDGED_RATE = 250;

  /** Partitions of every topic: the services' default (tributary.kafka.partitions). */
  public static final int DEFAULT_PARTITIONS = 8;

  public static final String USAGE =
      """
      Usage: ./tributary-bench [options]

        --quick                  small sizes for development (a few minutes)
        --tasks=1000,10000       end-to-end runs, tasks each (quick: 200,1000)
        --readiness=50,500,5000,50000
                                 active tasks for the readiness scenario (quick: 50,500,5000)
        --repetitions=7          repetitions of each readiness measurement (quick: 3)
        --rates=25,250           sequential scenario, tasks/s of 4 steps each; the targets are
                                 judged at 250 (1,000 steps/s)
        --sequential-seconds=30  sequential scenario, measured seconds (quick: 6)
        --floor-seconds=10       database floor, seconds per configuration (quick: 2)
        --knee=100,200,300,500,1000,2000,3000,4000,6000
                                 the knee search's rates, steps/s, ascending (quick: 100,300,1000)
        --knee-seconds=10        the knee search, measured seconds per rate (quick: 4)
        --history=1000000        finished tasks for the history scenario (quick: 20000)
        --partitions=8           partitions of every topic
        --started                simulated workers send 'started' before each success
        --profile                record the largest end-to-end run with JFR (bench/target/bench/)
        --only=e2e,scaling       run only these of: statements, e2e, scaling, sequential,
                                 knee, history, peer, library, readiness, floor
        --root=DIR               repository root (default: the current directory)
        --report-only            run nothing; write BENCHMARKS.md and the charts again from
                                 bench/results/results.json

      Servers: an embedded PostgreSQL (fsync and synchronous_commit on) and an embedded Kafka
      broker, unless TRIBUTARY_BENCH_POSTGRES_URL (with _USER, _PASSWORD) and
      TRIBUTARY_BENCH_KAFKA_BOOTSTRAP_SERVERS name external ones.
      """;

  /** Parses the arguments; throws {@link IllegalArgumentException} with what is wrong. */
  public static BenchOptions parse(String... args) {
    boolean quick = Arrays.asList(args).contains("--quick");
    List<Integer> tasks = quick ? List.of(200, 1_000) : List.of(1_000, 10_000);
    List<Integer> readiness = quick ? List.of(50, 500, 5_000) : List.of(50, 500, 5_000, 50_000);
    int repetitions = quick ? 3 : 7;
    List<Integer> rates = List.of(25, JUDGED_RATE);
    int sequentialSeconds = quick ? 6 : 30;
    int floorSeconds = quick ? 2 : 10;
    List<Integer> kneeRates =
        quick
            ? List.of(100, 300, 1_000)
            : List.of(100, 200, 300, 500, 1_000, 2_000, 3_000, 4_000, 6_000);
    int kneeSeconds = quick ? 4 : 10;
    int historyTasks = quick ? 20_000 : 1_000_000;
    int partitions = DEFAULT_PARTITIONS;
    boolean started = false;
    boolean profile = false;
    Set<String> scenarios = new LinkedHashSet<>(SCENARIOS);
    Path root = Path.of("").toAbsolutePath();
    boolean reportOnly = false;
    for (String arg : args) {
      String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : "";
      String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      switch (name) {
        case "--quick" -> {}
        case "--tasks" -> tasks = integers(name, value);
        case "--readiness" -> readiness = integers(name, value);
        case "--repetitions" -> repetitions = positive(name, value);
        case "--rates" -> rates = integers(name, value);
        case "--sequential-seconds" -> sequentialSeconds = positive(name, value);
        case "--floor-seconds" -> floorSeconds = positive(name, value);
        case "--knee" -> kneeRates = integers(name, value);
        case "--knee-seconds" -> kneeSeconds = positive(name, value);
        case "--history" -> historyTasks = positive(name, value);
        case "--partitions" -> partitions = positive(name, value);
        case "--started" -> started = true;
        case "--profile" -> profile = true;
        case "--only" -> scenarios = scenarios(value);
        case "--root" -> root = Path.of(value).toAbsolutePath();
        case "--report-only" -> reportOnly = true;
        default -> throw new IllegalArgumentException("unknown option '" + arg + "'\n\n" + USAGE);
      }
    }
    return new BenchOptions(
        quick,
        tasks,
        quick ? 100 : 500,
        readiness,
        repetitions,
        500,
        rates,
        Duration.ofSeconds(quick ? 3 : 10),
        Duration.ofSeconds(sequentialSeconds),
        Duration.ofSeconds(floorSeconds),
        kneeRates.stream().sorted().toList(),
        Duration.ofSeconds(kneeSeconds),
        historyTasks,
        partitions,
        started,
        profile,
        scenarios,
        root,
        reportOnly);
  }

  /**
   * Tasks run end to end before the first scenario, unmeasured, to warm the JVMs up (this one's and
   * the broker's): T = 10,000 run three times in a row gave 4,657, 5,440 and 8,571 step
   * transitions/s.
   */
  public int jvmWarmupTasks() {
    return quick ? 2_000 : 25_000;
  }

  /** The end-to-end run with the most tasks: the one judged, scaled and profiled. */
  public int largestTasks() {
    return tasks.stream().mapToInt(Integer::intValue).max().orElse(0);
  }

  public boolean runs(String scenario) {
    return scenarios.contains(scenario);
  }

  private static List<Integer> integers(String name, String value) {
    List<Integer> values = new ArrayList<>();
    // Limit 0, as always: a trailing comma ("1,2,") is ignored.
    for (String part : value.split(",", 0)) {
      values.add(positive(name, part.trim().replace("_", "")));
    }
    return List.copyOf(values);
  }

  private static int positive(String name, String value) {
    try {
      int parsed = Integer.parseInt(value);
      if (parsed > 0) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        name + " takes a positive whole number, not '" + value + "'");
  }

  private static Set<String> scenarios(String value) {
    Set<String> chosen = new LinkedHashSet<>();
    // Limit 0, as always: a trailing comma is ignored.
    for (String scenario : value.split(",", 0)) {
      if (!SCENARIOS.contains(scenario.trim())) {
        throw new IllegalArgumentException(
            "--only takes scenarios among " + SCENARIOS + ", not '" + scenario + "'");
      }
      chosen.add(scenario.trim());
    }
    return chosen;
  }
}
