package dev.tributary.demo;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A process the tests start: the demo's jar (as {@code ./tributary-demo} runs it) or the shell
 * worker. Its standard output and error go to files under {@code target/processes/}, which stay for
 * a look after a failure. (Files rather than pipes: the JDK closes a pipe under a reader that is
 * still reading when the process exits.)
 */
final class DemoProcess implements AutoCloseable {

  private static final AtomicInteger STARTED = new AtomicInteger();

  private final Process process;
  private final Path out;
  private final Path err;

  private DemoProcess(Process process, Path out, Path err) {
    this.process = process;
    this.out = out;
    this.err = err;
  }

  /** The demo's jar, built by this module's package phase, run with these arguments. */
  static DemoProcess demo(String... arguments) {
    return demo(Map.of(), arguments);
  }

  /**
   * The demo's jar run with these arguments, and these variables added to this JVM's environment.
   */
  static DemoProcess demo(Map<String, String> environment, String... arguments) {
    Path jar = Path.of(System.getProperty("tributary.demo.jar", "target/tributary-demo.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar.toAbsolutePath() + " is missing; run the tests with Maven's verify, after package");
    }
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    // A short run: the C1 compiler alone costs the two cores less (as the test JVMs, see pom.xml).
    command.add("-XX:TieredStopAtLevel=1");
    if (Runtime.version().feature() >= 23) {
      // As ./tributary-demo does: no warning that Kafka's clients use sun.misc.Unsafe.
      command.add("--sun-misc-unsafe-memory-access=allow");
    }
    command.addAll(List.of("-jar", jar.toString()));
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(environment);
    return start("demo", builder);
  }

  /** The shell worker, talking to this broker. */
  static DemoProcess shellWorker(String bootstrapServers) {
    Path script =
        Path.of(
            System.getProperty(
                "tributary.demo.shell-worker", "../examples/shell-worker/worker.sh"));
    ProcessBuilder builder = new ProcessBuilder("bash", script.toString());
    builder.environment().put("BOOTSTRAP", bootstrapServers);
    return start("shell-worker", builder);
  }

  private static DemoProcess start(String name, ProcessBuilder builder) {
    try {
      Path directory = Files.createDirectories(Path.of("target", "processes"));
      String file = name + "-" + ProcessHandle.current().pid() + "-" + STARTED.incrementAndGet();
      Path out = directory.resolve(file + ".out");
      Path err = directory.resolve(file + ".err");
      builder.redirectOutput(out.toFile()).redirectError(err.toFile());
      return new DemoProcess(builder.start(), out, err);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + builder.command(), e);
    }
  }

  /** Waits for the process to end by itself and returns its exit code. */
  int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError(
          "process still running after " + timeout + "; its output so far:\n" + output());
    }
    return process.exitValue();
  }

  /** Waits for a line of standard output to match and returns the match. */
  Matcher awaitLine(Pattern pattern, Duration timeout) {
    return await()
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(200))
        .failFast(
            () -> {
              if (!process.isAlive()) {
                throw new AssertionError("the process ended; its output:\n" + output());
              }
            })
        .until(() -> find(pattern), Optional::isPresent)
        .orElseThrow();
  }

  private Optional<Matcher> find(Pattern pattern) {
    return out().stream().map(pattern::matcher).filter(Matcher::find).findFirst();
  }

  /** Standard output so far, line by line. */
  List<String> out() {
    return lines(out);
  }

  /** Standard error so far, line by line. */
  List<String> err() {
    return lines(err);
  }

  String output() {
    return "--- stdout\n" + String.join("\n", out()) + "\n--- stderr\n" + String.join("\n", err());
  }

  /** Stops the process as a TERM (a container's stop, or close to Ctrl-C) would. */
  int stop(Duration timeout) throws InterruptedException {
    process.destroy();
    return awaitExit(timeout);
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  private static List<String> lines(Path file) {
    try {
      // Leniently: the last character may be half written.
      return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
