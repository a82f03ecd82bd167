package dev.tributary.conformance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What one run of the kit printed and returned; the output is also written under target/ for the
 * record.
 */
record KitRun(int exitCode, String output, String errors) {

  private static final Pattern VERDICT = Pattern.compile("^(PASS|FAIL)  (\\S+)", Pattern.MULTILINE);

  /** Runs the kit in this JVM and keeps its output in {@code target/<name>.txt}. */
  static KitRun of(String name, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        ConformanceKit.run(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            args);
    KitRun run =
        new KitRun(
            exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    try {
      Files.writeString(Path.of("target", name + ".txt"), run.output());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return run;
  }

  /** Each rule printed, with whether it passed, in order. */
  Map<String, Boolean> verdicts() {
    Matcher matcher = VERDICT.matcher(output);
    Map<String, Boolean> verdicts = new LinkedHashMap<>();
    while (matcher.find()) {
      verdicts.put(matcher.group(2), matcher.group(1).equals("PASS"));
    }
    return verdicts;
  }

  /** The rules that failed. */
  List<String> failed() {
    return verdicts().entrySet().stream()
        .filter(e -> !e.getValue())
        .map(Map.Entry::getKey)
        .collect(Collectors.toList());
  }
}
