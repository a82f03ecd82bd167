package dev.tributary.bench.report;

import dev.tributary.bench.measure.LatencySummary;
import dev.tributary.bench.scenario.EndToEnd;
import dev.tributary.bench.scenario.Sequential;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The report's charts, drawn as SVG text here (no external tools). */
public final class Charts {

  private static final String FONT = "font-family=\"Helvetica, Arial, sans-serif\"";
  private static final String[] PERCENTILE_COLOURS = {"#4c78a8", "#f58518", "#e45756"};

  private Charts() {}

  /** Horizontal bars: step transitions per second of each run and of the database floor. */
  public static String throughput(RunResults results) {
    record Bar(String label, double value, String colour) {}
    List<Bar> bars = new ArrayList<>();
    for (EndToEnd.Result r : results.endToEnd()) {
      if (r.finished()) {
        bars.add(
            new Bar(
                "end to end, " + Format.count(r.tasks()) + " tasks",
                r.transitionsPerSecond(),
                "#4c78a8"));
      }
    }
    EndToEnd.Result scaled = results.scaled();
    if (scaled != null && scaled.finished()) {
      bars.add(
          new Bar(
              "end to end, " + Format.count(scaled.tasks()) + " tasks, 2 processors",
              scaled.transitionsPerSecond(),
              "#72b7b2"));
    }
    if (results.floor() != null) {
      bars.add(new Bar("database floor (best)", results.floor().best(), "#9d9d9d"));
    }
    int left = 260;
    int width = 820;
    int barHeight = 28;
    int top = 50;
    int height = top + bars.size() * (barHeight + 14) + 50;
    double max = Targets.TRANSITIONS_PER_SECOND;
    for (Bar bar : bars) {
      max = Math.max(max, bar.value());
    }
    max *= 1.15;
    double scale = (width - left - 40) / max;
    StringBuilder svg = open(width, height);
    text(
        svg,
        width / 2.0,
        24,
        "Step transitions per second (higher is better)",
        16,
        "middle",
        "bold");
    int y = top;
    for (Bar bar : bars) {
      text(svg, left - 8, y + barHeight * 0.68, bar.label(), 12, "end", "normal");
      svg.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>%n",
              left,
              y,
              Math.max(1, bar.value() * scale),
              barHeight,
              bar.colour()));
      text(
          svg,
          left + bar.value() * scale + 6,
          y + barHeight * 0.68,
          Format.count(bar.value()) + "/s",
          12,
          "start",
          "normal");
      y += barHeight + 14;
    }
    double targetX = left + Targets.TRANSITIONS_PER_SECOND * scale;
    svg.append(
        String.format(
            Locale.ROOT,
            "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#d62728\""
                + " stroke-width=\"2\" stroke-dasharray=\"6,4\"/>%n",
            targetX,
            top - 8,
            targetX,
            y));
    text(
        svg,
        targetX,
        y + 16,
        "target " + Format.count(Targets.TRANSITIONS_PER_SECOND) + "/s",
        12,
        "middle",
        "normal");
    if (results.floor() != null && results.floor().best() > 0) {
      double halfX = left + results.floor().best() * Targets.FLOOR_FRACTION * scale;
      svg.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#555\""
                  + " stroke-width=\"1.5\" stroke-dasharray=\"2,3\"/>%n",
              halfX,
              top - 8,
              halfX,
              y));
      text(svg, halfX, top - 12, "50 % of the floor", 11, "middle", "normal");
    }
    svg.append(
        String.format(
            Locale.ROOT,
            "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>%n",
            left,
            top - 8,
            left,
            y));
    return close(svg);
  }

  /**
   * Grouped bars on a logarithmic scale: p50, p95 and p99 of the end-to-end runs' stage latency
   * (under full load) and of the sequential stage latency, with the sequential targets.
   */
  public static String latency(RunResults results) {
    record Group(String label, LatencySummary latency) {}
    List<Group> groups = new ArrayList<>();
    for (Sequential.Result sequential : results.sequential()) {
      String rate = Format.count(sequential.tasksPerSecond() * Sequential.STEPS_PER_TASK);
      groups.add(new Group("sequential stage, at " + rate + " steps/s", sequential.perStage()));
      groups.add(new Group("sequential task, at " + rate + " steps/s", sequential.perTask()));
    }
    for (EndToEnd.Result r : results.endToEnd()) {
      if (r.finished()) {
        groups.add(new Group("end-to-end stage, T = " + Format.count(r.tasks()), r.stage()));
      }
    }
    int width = 900;
    int height = 390;
    int left = 70;
    int right = 150;
    int top = 50;
    int bottom = 80;
    double maxMs = 100;
    for (Group group : groups) {
      maxMs = Math.max(maxMs, group.latency().p99());
    }
    int decades = (int) Math.ceil(Math.log10(maxMs));
    double plotHeight = height - top - bottom;
    StringBuilder svg = open(width, height);
    text(
        svg,
        width / 2.0,
        24,
        "Latency p50 / p95 / p99, ms (log scale, lower is better)",
        16,
        "middle",
        "bold");
    for (int d = 0; d <= decades; d++) {
      double y = top + plotHeight - plotHeight * d / decades;
      svg.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
              left,
              y,
              width - right,
              y));
      text(svg, left - 6, y + 4, Format.count(Math.pow(10, d)), 11, "end", "normal");
    }
    double groupWidth = groups.isEmpty() ? 0 : (double) (width - left - right) / groups.size();
    double barWidth = Math.min(40, groupWidth / 4);
    for (int g = 0; g < groups.size(); g++) {
      LatencySummary latency = groups.get(g).latency();
      double[] values = {latency.p50(), latency.p95(), latency.p99()};
      double x0 = left + g * groupWidth + (groupWidth - 3 * barWidth) / 2;
      for (int p = 0; p < 3; p++) {
        double h = plotHeight * Math.log10(Math.max(1, values[p])) / decades;
        double x = x0 + p * barWidth;
        svg.append(
            String.format(
                Locale.ROOT,
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>%n",
                x,
                top + plotHeight - h,
                barWidth - 2,
                Math.max(1, h),
                PERCENTILE_COLOURS[p]));
        text(
            svg,
            x + barWidth / 2,
            top + plotHeight - h - 4,
            Format.ms(values[p]).replace(" ms", ""),
            9,
            "middle",
            "normal");
      }
      // Two lines, split at the first comma, so that neighbouring labels never overlap.
      String label = groups.get(g).label();
      int comma = label.indexOf(", ");
      double x = left + g * groupWidth + groupWidth / 2;
      text(
          svg,
          x,
          top + plotHeight + 18,
          comma < 0 ? label : label.substring(0, comma),
          12,
          "middle",
          "normal");
      if (comma >= 0) {
        text(svg, x, top + plotHeight + 33, label.substring(comma + 2), 12, "middle", "normal");
      }
    }
    for (double target : new double[] {Targets.STAGE_P99_MS}) {
      double y = top + plotHeight - plotHeight * Math.log10(target) / decades;
      svg.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#d62728\""
                  + " stroke-dasharray=\"6,4\"/>%n",
              left,
              y,
              width - right,
              y));
      text(
          svg,
          width - right + 6,
          y + 4,
          "stage target " + Format.target(target),
          11,
          "start",
          "normal");
    }
    String[] legend = {"p50", "p95", "p99"};
    for (int p = 0; p < 3; p++) {
      double x = left + p * 80;
      svg.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%.1f\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>%n",
              x,
              height - 28,
              PERCENTILE_COLOURS[p]));
      text(svg, x + 18, height - 18, legend[p], 12, "start", "normal");
    }
    return close(svg);
  }

  private static StringBuilder open(int width, int height) {
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\">%n<rect width=\"100%%\" height=\"100%%\""
                + " fill=\"white\"/>%n",
            width,
            height,
            width,
            height));
    return svg;
  }

  private static String close(StringBuilder svg) {
    return svg.append("</svg>\n").toString();
  }

  private static void text(
      StringBuilder svg, double x, double y, String text, int size, String anchor, String weight) {
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%.1f\" y=\"%.1f\" %s font-size=\"%d\" text-anchor=\"%s\""
                + " font-weight=\"%s\">%s</text>%n",
            x,
            y,
            FONT,
            size,
            anchor,
            weight,
            escape(text)));
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
