package dev.tributary.bench;

import dev.tributary.bench.console.Terminal;
import dev.tributary.bench.infra.Infrastructure;
import dev.tributary.bench.peer.DbosPipeline;
import dev.tributary.bench.report.Charts;
import dev.tributary.bench.report.Machine;
import dev.tributary.bench.report.Report;
import dev.tributary.bench.report.RunResults;
import dev.tributary.bench.scenario.DatabaseFloor;
import dev.tributary.bench.scenario.EndToEnd;
import dev.tributary.bench.scenario.Knee;
import dev.tributary.bench.scenario.LatencyFloor;
import dev.tributary.bench.scenario.LibraryEndToEnd;
import dev.tributary.bench.scenario.Readiness;
import dev.tributary.bench.scenario.Sequential;
import dev.tributary.bench.scenario.StatementsPerMessage;
import dev.tributary.bench.scenario.WithHistory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the benchmarks and writes BENCHMARKS.md, its charts and the raw figures. Started by {@code
 * ./tributary-bench}; see {@link BenchOptions#USAGE}. Exits 0 when every scenario ran (whether or
 * not the targets were met), 1 when one failed, 2 on bad options.
 */
public final class BenchMain {

  /** The report, the charts and the raw figures, relative to the repository root. */
  static final String REPORT = "BENCHMARKS.md";

  static final String RESULTS = "bench/results";
  static final String WORK = "bench/target/bench";

  private final BenchOptions options;
  private final Map<String, String> failures = new LinkedHashMap<>();
  private int scenario;
  private int scenarios;

  private BenchMain(BenchOptions options) {
    this.options = options;
  }

  public static void main(String[] args) {
    if (List.of(args).contains("--help")) {
      Terminal.line(BenchOptions.USAGE);
      System.exit(0);
    }
    BenchOptions options;
    try {
      options = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      Terminal.line(String.valueOf(e.getMessage()));
      System.exit(2);
      return;
    }
    int status;
    try {
      status =
          options.reportOnly() ? new BenchMain(options).rewrite() : new BenchMain(options).run();
    } catch (RuntimeException e) {
      LoggerFactory.getLogger(BenchMain.class).error("The benchmark run failed", e);
      Terminal.line("The benchmark run failed: " + e + " (see " + WORK + "/bench.log)");
      status = 1;
    }
    // Kafka and Spring leave non-daemon threads behind; the run is over.
    System.exit(status);
  }

  private int run() {
    Logger log = LoggerFactory.getLogger(BenchMain.class);
    Instant started = Instant.now();
    long startedNanos = System.nanoTime();
    Path root = options.root();
    Path work = root.resolve(WORK);
    createDirectories(work);
    scenarios = (int) BenchOptions.SCENARIOS.stream().filter(options::runs).count();
    Terminal.line(
        "Tributary benchmarks"
            + (options.quick() ? " (quick mode)" : "")
            + "; services log to "
            + WORK
            + "/bench.log");
    Terminal.line("Starting PostgreSQL and Kafka");
    try (Infrastructure infrastructure =
        Infrastructure.start(options.partitions(), work.resolve("kafka.log"))) {
      Machine machine = Machine.describe(infrastructure);
      Terminal.line(
          "  PostgreSQL "
              + machine.postgresSettings().get("server_version")
              + " (fsync "
              + machine.postgresSettings().get("fsync")
              + ", synchronous_commit "
              + machine.postgresSettings().get("synchronous_commit")
              + "), Kafka "
              + machine.kafkaVersion()
              + "; load average "
              + machine.loadAverage());
      warmUp(infrastructure);
      StatementsPerMessage.Result statements =
          attempt(
              "statements",
              "statements per message",
              () -> StatementsPerMessage.run(infrastructure, options.pollSize()));
      List<EndToEnd.Result> endToEnd = new ArrayList<>();
      attempt(
          "e2e",
          "end-to-end throughput",
          () -> {
            for (int tasks : options.tasks()) {
              Path profile =
                  options.profile() && tasks == options.largestTasks()
                      ? work.resolve("e2e-" + tasks + ".jfr")
                      : null;
              endToEnd.add(
                  EndToEnd.run(
                      infrastructure,
                      tasks,
                      1,
                      options.warmupTasks(),
                      options.sendStarted(),
                      profile));
              Terminal.line("    " + endToEnd.getLast().summary());
            }
            return endToEnd;
          });
      EndToEnd.Result scaled =
          attempt(
              "scaling",
              "scaling, two processors",
              () ->
                  EndToEnd.run(
                      infrastructure,
                      options.largestTasks(),
                      2,
                      options.warmupTasks(),
                      options.sendStarted(),
                      null),
              EndToEnd.Result::summary);
      List<Sequential.Result> sequential = new ArrayList<>();
      attempt(
          "sequential",
          "sequential latency",
          () -> {
            for (int rate : options.sequentialRates()) {
              Sequential.Result result =
                  Sequential.run(
                      infrastructure,
                      rate,
                      options.sequentialWarmup(),
                      options.sequentialDuration(),
                      options.sendStarted());
              sequential.add(result);
              Terminal.line("    " + result.summary());
            }
            return sequential;
          });
      Knee.Result knee =
          attempt(
              "knee",
              "the knee (p99 ≤ " + (int) Knee.P99_LIMIT_MS + " ms per stage)",
              () ->
                  Knee.run(
                      infrastructure,
                      options.kneeRates(),
                      options.kneeDuration().dividedBy(3),
                      options.kneeDuration(),
                      options.sendStarted()),
              result ->
                  String.format(
                      java.util.Locale.ROOT, "knee %,.0f steps/s", result.stepsPerSecond()));
      WithHistory.Result history =
          attempt(
              "history",
              "with "
                  + String.format(java.util.Locale.ROOT, "%,d", options.historyTasks())
                  + " finished tasks",
              () ->
                  WithHistory.run(
                      infrastructure,
                      options.historyTasks(),
                      options.largestTasks(),
                      options.warmupTasks(),
                      BenchOptions.JUDGED_RATE,
                      options.sequentialWarmup(),
                      options.sequentialDuration(),
                      options.sendStarted()),
              result -> result.endToEnd().summary() + "\n    " + result.sequential().summary());
      DbosPipeline.Result peer =
          attempt(
              "peer",
              "the same pipeline on DBOS Transact",
              () -> DbosPipeline.run(infrastructure, options.largestTasks(), options.warmupTasks()),
              DbosPipeline.Result::summary);
      LibraryEndToEnd.Result library =
          attempt(
              "library",
              "the pipeline with the worker library",
              // A longer warm-up: the worker's JVM is new, and its JIT would otherwise land in
              // the measured part.
              () ->
                  LibraryEndToEnd.run(
                      infrastructure,
                      options.largestTasks(),
                      Math.max(options.warmupTasks(), options.largestTasks() / 4)),
              LibraryEndToEnd.Result::summary);
      List<Readiness.Row> readiness = new ArrayList<>();
      attempt(
          "readiness",
          "readiness at scale",
          () -> {
            for (int size : options.readiness()) {
              readiness.addAll(Readiness.run(infrastructure, List.of(size), options.repetitions()));
              Readiness.Row row = readiness.getLast();
              Terminal.line(
                  String.format(
                      java.util.Locale.ROOT,
                      "    %,d active tasks: sweep claim %.1f ms (median of %d), whole tick %.1f ms",
                      row.activeTasks(),
                      row.sweepClaim().p50(),
                      row.sweepClaim().count(),
                      row.tick().p50()));
            }
            return readiness;
          });
      DatabaseFloor.Result floor =
          attempt(
              "floor",
              "database floor",
              () -> {
                DatabaseFloor.Result result =
                    DatabaseFloor.run(infrastructure, options.floorDuration());
                Terminal.line(
                    String.format(
                        java.util.Locale.ROOT, "    best %,.0f transitions/s", result.best()));
                return result;
              });
      LatencyFloor.Result latencyFloor =
          options.runs("floor")
              ? attemptQuietly(
                  "floor",
                  () -> {
                    LatencyFloor.Result result = LatencyFloor.run(infrastructure);
                    Terminal.line(
                        String.format(
                            java.util.Locale.ROOT,
                            "    one Kafka hop p50 %.2f ms, one commit p50 %.2f ms",
                            result.kafkaHop().p50(),
                            result.commit().p50()));
                    return result;
                  })
              : null;
      RunResults results =
          new RunResults(
              options,
              machine,
              started,
              Duration.ofNanos(System.nanoTime() - startedNanos),
              Machine.currentLoadAverage(),
              Machine.currentCpuPressure(),
              statements,
              endToEnd,
              scaled,
              sequential,
              knee,
              history,
              peer,
              library,
              readiness,
              floor,
              latencyFloor,
              failures);
      String markdown = write(results);
      Terminal.line("");
      Terminal.line(targets(markdown));
      Terminal.line(
          "Wrote "
              + REPORT
              + ", "
              + RESULTS
              + "/throughput.svg, "
              + RESULTS
              + "/latency.svg and "
              + RESULTS
              + "/results.json in "
              + Format.duration(results.took()));
      log.info("Benchmarks done in {}", results.took());
    }
    if (!failures.isEmpty()) {
      Terminal.line(
          "Scenarios that failed: " + failures.keySet() + " (see " + WORK + "/bench.log)");
      return 1;
    }
    return 0;
  }

  /**
   * Runs tasks end to end, then at the judged steady rate, unmeasured, before the first scenario.
   * Every scenario starts fresh services in this JVM, but the compiled code stays: without this,
   * the first scenarios measured the JIT compilers. Both paths need it: the first end-to-end run
   * reached about half the throughput of the same run later, and code compiled under full polls is
   * recompiled when polls of one or two records arrive (the first sequential run at 100 steps/s
   * measured a stage p50 of 57 ms, the same run straight after it 13 ms).
   */
  private void warmUp(Infrastructure infrastructure) {
    int tasks = options.jvmWarmupTasks();
    int rate = options.sequentialRates().getLast();
    Terminal.line(
        "Warming the JVM up: "
            + tasks
            + " tasks end to end, then "
            + rate * Sequential.STEPS_PER_TASK
            + " steps/s for "
            + options.sequentialDuration().toSeconds()
            + " s; not measured");
    attemptQuietly(
        "warm-up", () -> EndToEnd.run(infrastructure, tasks, 1, 0, options.sendStarted(), null));
    attemptQuietly(
        "warm-up",
        () ->
            Sequential.run(
                infrastructure,
                rate,
                options.sequentialWarmup(),
                options.sequentialDuration(),
                options.sendStarted()));
  }

  /** Writes the report and charts again from the last run's raw figures (--report-only). */
  private int rewrite() {
    Path json = options.root().resolve(RESULTS).resolve("results.json");
    RunResults results;
    try {
      results =
          JsonMapper.builder()
              // Figures written by an older version of the benchmark: absent is zero or false.
              .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
              .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
              .build()
              .readValue(Files.readString(json), RunResults.class);
    } catch (IOException | RuntimeException e) {
      Terminal.line("Cannot read " + json + ": " + e.getMessage());
      return 1;
    }
    write(results);
    Terminal.line("Wrote " + REPORT + " and the charts again from " + RESULTS + "/results.json");
    return 0;
  }

  private <T> @Nullable T attempt(String key, String title, Supplier<T> scenarioRun) {
    if (!options.runs(key)) {
      return null;
    }
    scenario++;
    Terminal.line("[" + scenario + "/" + scenarios + "] " + title);
    try {
      return scenarioRun.get();
    } catch (RuntimeException e) {
      LoggerFactory.getLogger(BenchMain.class).error("Scenario {} failed", key, e);
      failures.put(key, e.toString());
      Terminal.line("    failed: " + e);
      return null;
    }
  }

  /** The same, printing the result's summary line. */
  private <T> @Nullable T attempt(
      String key, String title, Supplier<T> scenarioRun, Function<T, String> summary) {
    return attempt(
        key,
        title,
        () -> {
          T result = scenarioRun.get();
          Terminal.line("    " + summary.apply(result));
          return result;
        });
  }

  /** A part of a scenario already announced: failures are recorded, no new heading. */
  private <T> @Nullable T attemptQuietly(String key, Supplier<T> part) {
    try {
      return part.get();
    } catch (RuntimeException e) {
      LoggerFactory.getLogger(BenchMain.class).error("Scenario {} failed", key, e);
      failures.merge(key, e.toString(), (a, b) -> a + "; " + b);
      Terminal.line("    failed: " + e);
      return null;
    }
  }

  private String write(RunResults results) {
    Path root = options.root();
    Path charts = root.resolve(RESULTS);
    createDirectories(charts);
    String markdown =
        Report.markdown(results, RESULTS + "/throughput.svg", RESULTS + "/latency.svg");
    try {
      Files.writeString(charts.resolve("throughput.svg"), Charts.throughput(results));
      Files.writeString(charts.resolve("latency.svg"), Charts.latency(results));
      Files.writeString(
          charts.resolve("results.json"),
          JsonMapper.builder()
              .enable(SerializationFeature.INDENT_OUTPUT)
              .build()
              .writeValueAsString(results));
      Files.writeString(root.resolve(REPORT), markdown);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the report", e);
    }
    return markdown;
  }

  /** The report's targets section, for the console. */
  private static String targets(String markdown) {
    int start = markdown.indexOf("## Targets");
    int end = markdown.indexOf("## Machine");
    return start < 0 || end < start ? "" : markdown.substring(start, end).strip();
  }

  private static void createDirectories(Path directory) {
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("could not create " + directory, e);
    }
  }

  /** Durations for the console. */
  private static final class Format {
    static String duration(Duration duration) {
      long seconds = duration.toSeconds();
      return seconds >= 60 ? seconds / 60 + " min " + seconds % 60 + " s" : seconds + " s";
    }
  }
}
