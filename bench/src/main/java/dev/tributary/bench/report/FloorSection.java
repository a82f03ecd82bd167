package dev.tributary.bench.report;

import static dev.tributary.bench.report.Format.count;
import static dev.tributary.bench.report.Format.ms;
import static dev.tributary.bench.report.Format.percent;
import static dev.tributary.bench.report.Format.verdict;

import dev.tributary.bench.measure.LatencySummary;
import dev.tributary.bench.scenario.DatabaseFloor;
import dev.tributary.bench.scenario.EndToEnd;
import dev.tributary.bench.scenario.LatencyFloor;

/** What PostgreSQL alone does here, and the least a stage's parts take. */
final class FloorSection extends Section {

  FloorSection(RunResults results, StringBuilder out) {
    super(results, out);
  }

  void floor() {
    DatabaseFloor.Result floor = results.floor();
    line("## 4. Database floor");
    line();
    if (floor == null) {
      line("Not run.");
      line();
      return;
    }
    line(
        "The least SQL of one step transition, a guarded `UPDATE workflow_steps … WHERE id = ?"
            + " AND state = ? AND attempts = ?` and its `INSERT INTO step_transitions`, run"
            + " straight through JDBC with batching ("
            + DatabaseFloor.BATCH
            + " transitions per"
            + " transaction, inserts rewritten into multi-row inserts) on the real schema, on the"
            + " same server, over "
            + count(floor.steps())
            + " steps: what PostgreSQL alone can"
            + " do here.");
    line();
    line("| connections | transitions/s | commits/s (of " + DatabaseFloor.BATCH + ") |");
    line("| ---: | ---: | ---: |");
    for (DatabaseFloor.Row row : floor.rows()) {
      row(
          String.valueOf(row.connections()),
          count(row.transitionsPerSecond()),
          count(row.commitsPerSecond()));
    }
    line();
    LatencyFloor.Result latency = results.latencyFloor();
    if (latency != null) {
      line(
          "And the latency floor of a stage's parts, at a gentle "
              + count(200)
              + " per second:"
              + " one Kafka hop (produce with acks = all → consumed) and one step transition"
              + " committed alone (its update, its audit row and the commit, one connection).");
      line();
      line("| | p50 | p95 | p99 | max |");
      line("| --- | ---: | ---: | ---: | ---: |");
      latencyCells(
          "one Kafka hop, " + latency.partitions() + " partitions (as the services' topics)",
          latency.kafkaHop());
      latencyCells("one Kafka hop, 1 partition", latency.kafkaHopOnePartition());
      latencyCells("one transition committed alone", latency.commit());
      line();
      line(
          "A sequential stage crosses Kafka twice (result → processor, signal → scheduler) and"
              + " commits twice (the processor's transaction, the scheduler's claim), so on this"
              + " machine, now, no stage can take less than about **"
              + ms(latency.stageFloorMillis())
              + "** at the median (2 × hop + 2 × commit).");
      line();
    }
    EndToEnd.Result judged = results.judgedEndToEnd();
    if (judged != null && judged.finished() && floor.best() > 0) {
      double fraction = judged.transitionsPerSecond() / floor.best();
      line(
          "End to end (T = "
              + count(judged.tasks())
              + ") reaches **"
              + percent(fraction)
              + "** of the best floor ("
              + count(judged.transitionsPerSecond())
              + " of "
              + count(floor.best())
              + " transitions/s); the target is "
              + percent(Targets.FLOOR_FRACTION)
              + ": "
              + verdict(fraction >= Targets.FLOOR_FRACTION)
              + ".");
      line();
    }
  }

  private void latencyCells(String label, LatencySummary latency) {
    if (latency.isEmpty()) {
      row(label, "—", "—", "—", "—");
    } else {
      row(label, ms(latency.p50()), ms(latency.p95()), ms(latency.p99()), ms(latency.max()));
    }
  }
}
