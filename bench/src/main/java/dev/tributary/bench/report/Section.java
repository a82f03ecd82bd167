package dev.tributary.bench.report;

import static dev.tributary.bench.report.Format.count;
import static dev.tributary.bench.report.Format.percent;
import static dev.tributary.bench.report.Format.seconds;

import dev.tributary.bench.measure.CpuUsage;
import java.util.List;
import java.util.Map;

/**
 * A part of BENCHMARKS.md: the run's results, the report written so far, and how every part writes
 * rows, lines and the CPU table.
 */
abstract class Section {

  final RunResults results;
  final StringBuilder out;

  Section(RunResults results, StringBuilder out) {
    this.results = results;
    this.out = out;
  }

  void row(String... cells) {
    out.append("| ").append(String.join(" | ", cells)).append(" |\n");
  }

  void line(String text) {
    out.append(text).append('\n');
  }

  void line() {
    out.append('\n');
  }

  static String join(List<Integer> values) {
    return String.join(", ", values.stream().map(v -> count(v)).toList());
  }

  static int max(List<Integer> values) {
    return values.stream().mapToInt(Integer::intValue).max().orElse(0);
  }

  void cpuTable(String run, CpuUsage cpu) {
    line(
        "Where the CPU went during "
            + run
            + " ("
            + seconds(cpu.seconds())
            + " × "
            + cpu.cores()
            + " cores = "
            + seconds(cpu.seconds() * cpu.cores())
            + " of CPU to share):");
    line();
    line("| who | CPU time | share of the machine |");
    line("| --- | ---: | ---: |");
    double total = 0;
    for (Map.Entry<String, Double> entry : cpu.cpuSeconds().entrySet()) {
      row(entry.getKey(), seconds(entry.getValue()), percent(cpu.share(entry.getKey())));
      total += entry.getValue();
    }
    row(
        "**all**",
        seconds(total),
        percent(cpu.seconds() > 0 ? total / (cpu.seconds() * cpu.cores()) : 0));
    line();
  }
}
