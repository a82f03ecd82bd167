package dev.tributary.bench.report;

import static dev.tributary.bench.report.Format.count;
import static dev.tributary.bench.report.Format.ms;
import static dev.tributary.bench.report.Format.percent;
import static dev.tributary.bench.report.Format.seconds;

import dev.tributary.bench.profile.HotSpots;
import dev.tributary.bench.scenario.EndToEnd;
import java.util.Map;

/** Where the services' threads waited and spent CPU, from the flight recording. */
final class ProfileSection extends Section {

  ProfileSection(RunResults results, StringBuilder out) {
    super(results, out);
  }

  void profile() {
    EndToEnd.Result profiled =
        results.endToEnd().stream().filter(r -> r.hotSpots() != null).findFirst().orElse(null);
    if (profiled == null || profiled.hotSpots() == null) {
      return;
    }
    HotSpots h = profiled.hotSpots();
    line("## Profile (`--profile`)");
    line();
    line(
        "A JFR recording (settings \"profile\") of the measured part of the end-to-end run of "
            + count(profiled.tasks())
            + " tasks: `"
            + results.options().root().relativize(h.file().toAbsolutePath())
            + "` (inspect with `jfr summary` or `jfr print"
            + " --events jdk.ExecutionSample`). "
            + count((double) h.samples())
            + " CPU samples; "
            + count((double) h.gcCount())
            + " garbage collections, "
            + ms(h.gcPauseMillis())
            + " of pauses. The broker and PostgreSQL run in processes of their own and are not"
            + " in it.");
    line();
    line(
        "Where the services' threads wait: time in blocking socket reads during the "
            + seconds(h.seconds())
            + " recorded (pgjdbc waits for PostgreSQL this way; the Kafka"
            + " clients use non-blocking I/O and mostly do not show here). A consumer thread"
            + " that waits for the database most of the recording is bound by round trips and"
            + " commits, not by CPU.");
    line();
    line("| thread → server | ms waiting | share of the recording |");
    line("| --- | ---: | ---: |");
    h.socketWaits().entrySet().stream()
        .filter(e -> e.getValue() > 0)
        .forEach(
            e ->
                line(
                    "| `"
                        + e.getKey()
                        + "` | "
                        + count(e.getValue())
                        + " | "
                        + (h.seconds() > 0 ? percent(e.getValue() / 1000.0 / h.seconds()) : "—")
                        + " |"));
    line();
    table("thread (numbers stripped)", "samples", h.byThread(), h.samples());
    table("library on the stack (inclusive)", "samples", h.byLibrary(), h.samples());
    table("first frame outside the JDK (self)", "samples", h.topFrames(), h.samples());
    table("Tributary method on the stack (inclusive)", "samples", h.topTributary(), h.samples());
    table("allocation site (first frame outside the JDK)", "MB sampled", h.allocations(), 0);
  }

  private void table(String what, String unit, Map<String, Long> counts, long total) {
    line("| " + what + " | " + unit + " |" + (total > 0 ? " share |" : ""));
    line("| --- | ---: |" + (total > 0 ? " ---: |" : ""));
    counts.forEach(
        (name, value) ->
            line(
                "| `"
                    + name
                    + "` | "
                    + count(value)
                    + " |"
                    + (total > 0 ? " " + percent((double) value / total) + " |" : "")));
    line();
  }
}
