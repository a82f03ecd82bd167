package dev.tributary.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.bench.BenchOptions;
import dev.tributary.bench.measure.CpuUsage;
import dev.tributary.bench.measure.LatencySummary;
import dev.tributary.bench.peer.DbosPipeline;
import dev.tributary.bench.scenario.DatabaseFloor;
import dev.tributary.bench.scenario.EndToEnd;
import dev.tributary.bench.scenario.Knee;
import dev.tributary.bench.scenario.LatencyFloor;
import dev.tributary.bench.scenario.Readiness;
import dev.tributary.bench.scenario.Sequential;
import dev.tributary.bench.scenario.StatementsPerMessage;
import dev.tributary.bench.scenario.WithHistory;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.xml.sax.InputSource;

class ReportTest {

  @Test
  void a_run_that_meets_every_target_says_so_target_by_target() {
    String report = markdown(results(BenchOptions.parse(), 12_000, 3, 20, 30, 15_000, "0.50"));

    assertThat(targets(report))
        .contains("| 12,000/s | ✅ met |")
        .contains(
            "| 3.00 ms against a floor of 6.00 ms (limit 9.00 ms), at 1,000 steps/s | ✅ met |")
        .contains("| 20.0 ms at 1,000 steps/s | ✅ met |")
        .contains("| 30.0 ms (max 30.0 ms) | ✅ met |")
        .contains("| 80 % (12,000 of 15,000 transitions/s) | ✅ met |")
        .contains("| 0.160 ms | ✅ met |")
        .contains("Every target measured in this run was met.")
        .doesNotContain("missed");
    assertThat(report).doesNotContain("Quick mode").doesNotContain("The machine was busy");
    assertThat(report).contains("no stage can take less than about **6.00 ms**");
    assertThat(report)
        .contains("(10.0 s × 2 cores = 20.0 s of CPU to share)")
        .contains("| services, workers and feeder (this JVM) | 8.0 s | 40 % |")
        .contains("| **all** | 12.0 s | 60 % |")
        .contains("waited for a CPU) | at start 1.00 %; at end 1.00 % |");
  }

  @Test
  void a_missed_target_is_marked_and_named_in_plain_words() {
    String report = markdown(results(BenchOptions.parse(), 4_000, 10, 80, 120, 20_000, "0.50"));

    assertThat(targets(report))
        .contains("| 4,000/s | ❌ missed |")
        .contains("| 10.0 ms against a floor of 6.00 ms (limit 9.00 ms), at 1,000 steps/s | ❌")
        .contains("| 80.0 ms at 1,000 steps/s | ❌ missed |")
        .contains("| 120 ms (max 120 ms) | ❌ missed |")
        .contains("| 20 % (4,000 of 20,000 transitions/s) | ❌ missed |")
        .contains("| not measured | — not measured |")
        .contains(
            "**Missed in this run:** end-to-end throughput is 4,000 step transitions/s, 40 % of"
                + " the target; end to end reaches 20 % of the database floor; sequential stage"
                + " p50 is 10.0 ms, 1.67× the floor; sequential stage p99 is 80.0 ms; the"
                + " readiness tick over 50,000 active tasks takes 120 ms.");
  }

  @Test
  void what_limits_the_figures_is_read_from_the_run() {
    String report = markdown(results(BenchOptions.parse(), 4_000, 9, 80, 120, 20_000, "0.50"));
    String limits =
        report.substring(
            report.indexOf("## What limits these figures"), report.indexOf("## Machine"));

    assertThat(limits)
        .contains("**A second processor** on the same cores gave 1.20× the throughput")
        .doesNotContain("**CPU.**");
    assertThat(markdown(results(BenchOptions.parse(), 4_000, 9, 80, 120, 20_000, "0.50", 15.0)))
        .contains(
            "**CPU.** During the end-to-end run of 10,000 tasks the machine's 2 cores were 95 %"
                + " busy");
  }

  @Test
  void the_knee_the_history_and_the_peer_are_judged_against_the_empty_run() {
    RunResults base = results(BenchOptions.parse(), 12_000, 3, 20, 30, 15_000, "0.50");
    EndToEnd.Result overHistory = endToEnd(10_000, 1, 11_500, 8.0);
    Sequential.Result sequentialOverHistory = sequential(BenchOptions.JUDGED_RATE, 3.2, 30);
    DbosPipeline.Result peer =
        new DbosPipeline.Result(
            10_000, true, 10, 50_000, new CpuUsage(10, 2, Map.of(CpuUsage.THIS_JVM, 100.0)));
    String report =
        markdown(
            with(
                base,
                new Knee.Result(
                    List.of(sequential(25, 5, 20), sequential(75, 50, 150)), sequential(25, 5, 20)),
                new WithHistory.Result(1_000_000, 300, overHistory, sequentialOverHistory),
                peer));

    assertThat(targets(report))
        .contains("| 100 steps/s; at 300 steps/s p99 was 150 ms | ❌ missed |")
        .contains("| 11,500 against 12,000 transitions/s (-4 %) | ✅ met |")
        .contains("| p50 3.20 ms (+7 %), p99 30.0 ms (+50 %) | ❌ missed |")
        .contains("| 6,250 against 500 (12.50×) | ✅ met |")
        .contains("the knee is 100 steps/s")
        .contains("with a history, stage p50 changes by +7 % and p99 by +50 %");
    assertThat(report)
        .contains("| 300 steps/s | 300 | 50.0 ms | 150 ms |")
        .contains("| **all** | **0.160 ms** |")
        .contains("| DBOS Transact " + DbosPipeline.VERSION + " | 5,000 | 2.000 ms |");
  }

  @Test
  void quick_mode_and_a_busy_machine_are_announced_and_unreached_sizes_not_judged() {
    BenchOptions quick = BenchOptions.parse("--quick");
    String report = markdown(results(quick, 4_000, 3, 20, 30, 15_000, "7.50"));

    assertThat(report).contains("> **Quick mode.**").contains("> **The machine was busy**");
    assertThat(targets(report))
        .contains("| 4,000/s at T = 1,000, not judged below T = 10,000 | — not measured |")
        .contains("not measured (largest size run: 5,000) | — not measured |");
  }

  @Test
  void the_charts_are_well_formed_svg_with_the_target_lines() throws Exception {
    RunResults results = results(BenchOptions.parse(), 12_000, 3, 20, 30, 15_000, "0.50");

    for (String svg : List.of(Charts.throughput(results), Charts.latency(results))) {
      DocumentBuilderFactory.newInstance()
          .newDocumentBuilder()
          .parse(new InputSource(new StringReader(svg)));
    }
    assertThat(Charts.throughput(results)).contains("target 10,000/s").contains("12,000/s");
    assertThat(Charts.latency(results)).contains("stage target 25 ms");
  }

  private static RunResults with(
      RunResults r, Knee.Result knee, WithHistory.Result history, DbosPipeline.Result peer) {
    return new RunResults(
        r.options(),
        r.machine(),
        r.started(),
        r.took(),
        r.loadAverageAtEnd(),
        r.cpuPressureAtEnd(),
        r.statements(),
        r.endToEnd(),
        r.scaled(),
        r.sequential(),
        knee,
        history,
        peer,
        null,
        r.readiness(),
        r.floor(),
        r.latencyFloor(),
        r.failures());
  }

  private static String markdown(RunResults results) {
    return Report.markdown(results, "bench/results/throughput.svg", "bench/results/latency.svg");
  }

  private static String targets(String report) {
    return report.substring(report.indexOf("## Targets"), report.indexOf("## Machine"));
  }

  /** A run with these headline figures; sizes as the options ask. */
  private static RunResults results(
      BenchOptions options,
      double transitionsPerSecond,
      double stageP50,
      double stageP99,
      double claimMillis,
      double floor,
      String load) {
    return results(
        options, transitionsPerSecond, stageP50, stageP99, claimMillis, floor, load, 8.0);
  }

  /** The same, with the services' JVM using this many of the end-to-end runs' 20 CPU seconds. */
  private static RunResults results(
      BenchOptions options,
      double transitionsPerSecond,
      double stageP50,
      double stageP99,
      double claimMillis,
      double floor,
      String load,
      double jvmCpuSeconds) {
    List<EndToEnd.Result> endToEnd =
        options.tasks().stream()
            .map(t -> endToEnd(t, 1, transitionsPerSecond, jvmCpuSeconds))
            .toList();
    List<Readiness.Row> readiness =
        options.readiness().stream().map(n -> readiness(n, claimMillis)).toList();
    return new RunResults(
        options,
        new Machine(
            "AMD EPYC",
            2,
            "23.5 GiB",
            "Debian",
            "OpenJDK 25",
            "-Xmx4g",
            "embedded",
            Map.of("server_version", "18.1", "fsync", "on", "synchronous_commit", "on"),
            "embedded",
            "4.2.0",
            load + ", 1.00, 1.00",
            "1.00 %"),
        Instant.parse("2026-01-01T00:00:00Z"),
        Duration.ofMinutes(9),
        "1.00, 1.00, 1.00",
        "1.00 %",
        new StatementsPerMessage.Result(
            List.of(
                new StatementsPerMessage.Row("simple", 3, 500, 0.006, "3–4", List.of("select"))),
            4.6,
            7.6,
            "Index Scan"),
        endToEnd,
        endToEnd(options.largestTasks(), 2, transitionsPerSecond * 1.2, jvmCpuSeconds),
        List.of(sequential(25, 2, 10), sequential(BenchOptions.JUDGED_RATE, stageP50, stageP99)),
        null,
        null,
        null,
        null,
        readiness,
        new DatabaseFloor.Result(
            List.of(new DatabaseFloor.Row(4, ((long) floor) * 10, 10)), 20_000),
        new LatencyFloor.Result(
            new LatencySummary(400, 1, 2, 3, 4, 1),
            new LatencySummary(400, 1, 2, 3, 4, 1),
            8,
            new LatencySummary(400, 2, 3, 4, 5, 2)),
        Map.of());
  }

  private static EndToEnd.Result endToEnd(
      int tasks, int processors, double transitionsPerSecond, double jvmCpuSeconds) {
    double seconds = 10;
    LatencySummary latency = new LatencySummary(100, 10, 20, 30, 40, 12);
    return new EndToEnd.Result(
        tasks,
        processors,
        true,
        seconds,
        tasks * 5L,
        (long) (transitionsPerSecond * seconds),
        latency,
        latency,
        latency,
        latency,
        tasks,
        Map.of("processor-1 step-results", (long) tasks / 2),
        new CpuUsage(10, 2, Map.of(CpuUsage.THIS_JVM, jvmCpuSeconds, CpuUsage.OTHERS, 4.0)),
        null);
  }

  private static Sequential.Result sequential(int rate, double p50, double p99) {
    LatencySummary stage = new LatencySummary(100, p50, p99, p99, p99, p50);
    return new Sequential.Result(
        rate,
        rate * 30,
        true,
        rate * 4.0,
        stage,
        stage,
        stage,
        stage,
        stage,
        Map.of("s2", stage),
        rate * 30L,
        null);
  }

  private static Readiness.Row readiness(int tasks, double claimMillis) {
    LatencySummary claim =
        new LatencySummary(7, claimMillis, claimMillis, claimMillis, claimMillis, claimMillis);
    return new Readiness.Row(
        tasks,
        Math.min(tasks, 1_000),
        claim,
        claim,
        Math.min(tasks, 1_000),
        claim,
        claim,
        claim,
        claim,
        1.0);
  }
}
