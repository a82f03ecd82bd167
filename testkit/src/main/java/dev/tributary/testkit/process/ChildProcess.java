package dev.tributary.testkit.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * One operating-system process of a fixture, started again and again with the same log file: what
 * every fixture of this package is made of. It owns the process it started (never a process it did
 * not start), and registers it with {@link ProcessReaper} so that a test JVM that ends without
 * closing it leaves nothing running.
 *
 * <p>Signals: {@link Process#destroyForcibly()} sends SIGKILL on Linux and macOS, {@link
 * Process#destroy()} SIGTERM (the JDK's {@code ProcessHandleImpl.destroyProcess} calls {@code
 * kill(pid, force ? SIGKILL : SIGTERM)}). A process ended by a signal exits, as Java reports it,
 * with 128 plus the signal's number: 137 after SIGKILL, 143 after SIGTERM when the process does not
 * exit on its own first (a JVM that runs its shutdown hooks exits with 143 too). {@code
 * ChildProcessTest} checks both.
 */
final class ChildProcess implements AutoCloseable {

  /** Exit code of a process ended by SIGKILL: 128 + 9. */
  static final int KILLED = 137;

  /** Exit code of a process ended by SIGTERM (or a JVM that exited because of it): 128 + 15. */
  static final int TERMINATED = 143;

  /** Variables passed on from the test JVM: where programs are, the home and temporary dirs. */
  static final List<String> BASE_ENVIRONMENT = List.of("PATH", "HOME", "TMPDIR", "LANG", "TZ");

  private final String name;
  private final Path logFile;
  private @Nullable Process process;
  private int starts;

  /**
   * @param name what the process is, for messages and the log file's markers
   * @param logFile where its standard output and error go, appended across restarts
   */
  ChildProcess(String name, Path logFile) {
    this.name = name;
    this.logFile = logFile;
  }

  /**
   * Starts the process. The environment is exactly {@code environment}, plus the few variables a
   * process needs to run at all ({@link #BASE_ENVIRONMENT}): nothing else of the test JVM's leaks
   * into it.
   *
   * @throws IllegalStateException if the process is running
   */
  synchronized void start(List<String> command, Map<String, String> environment, Path directory) {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException(name + " is running (pid " + process.pid() + ")");
    }
    starts++;
    appendMarker("start #" + starts + ": " + String.join(" ", command));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    Map<String, String> childEnvironment = builder.environment();
    childEnvironment.clear();
    for (String variable : BASE_ENVIRONMENT) {
      String value = System.getenv(variable);
      if (value != null) {
        childEnvironment.put(variable, value);
      }
    }
    childEnvironment.putAll(environment);
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + name + ": " + command, e);
    }
    ProcessReaper.register(process);
  }

  /** How many times {@link #start} was called. */
  synchronized int starts() {
    return starts;
  }

  /** The running (or last) process's id. */
  synchronized long pid() {
    return current().pid();
  }

  synchronized boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** The last process's exit code, once it has exited. */
  synchronized OptionalInt exitCode() {
    return process == null || process.isAlive()
        ? OptionalInt.empty()
        : OptionalInt.of(process.exitValue());
  }

  /** The process, for its {@link ProcessHandle} (descendants, info). */
  synchronized Process current() {
    if (process == null) {
      throw new IllegalStateException(name + " was never started");
    }
    return process;
  }

  /**
   * SIGKILL, then waits until the process is gone (reaped: its pid is free).
   *
   * @return the exit code, {@value #KILLED} unless it had exited before
   */
  synchronized int kill() {
    Process running = current();
    appendMarker("SIGKILL to pid " + running.pid());
    running.destroyForcibly();
    return waitFor(running, Duration.ofSeconds(30), "SIGKILL");
  }

  /**
   * SIGTERM, then waits up to {@code grace} for the process to exit; SIGKILL after that.
   *
   * @return the exit code: {@value #TERMINATED} (or the process's own) when it stopped in time,
   *     {@value #KILLED} when it had to be killed
   */
  synchronized int stop(Duration grace) {
    Process running = current();
    appendMarker("SIGTERM to pid " + running.pid());
    running.destroy();
    try {
      if (running.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        return running.exitValue();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping " + name, e);
    }
    appendMarker("no exit within " + grace + " of SIGTERM");
    return kill();
  }

  /**
   * Waits for the process to exit, e.g. after a signal sent by other means.
   *
   * @return its exit code
   * @throws IllegalStateException if it still runs after {@code limit}
   */
  synchronized int awaitExit(Duration limit) {
    return waitFor(current(), limit, "waiting");
  }

  private int waitFor(Process running, Duration limit, String what) {
    try {
      if (!running.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException(
            name + " (pid " + running.pid() + ") still runs " + limit + " after " + what);
      }
      return running.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + name, e);
    }
  }

  /** The log's last {@code lines} lines, for failure messages. */
  String logTail(int lines) {
    try {
      if (!Files.exists(logFile)) {
        return "";
      }
      List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  Path logFile() {
    return logFile;
  }

  String name() {
    return name;
  }

  /** A line of the fixture's own in the log, so that a reader sees where each run begins. */
  private void appendMarker(String marker) {
    try {
      Files.writeString(
          logFile,
          "==== " + Instant.now() + " " + name + ": " + marker + System.lineSeparator(),
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + logFile, e);
    }
  }

  /** SIGKILL to the process and everything it started, if it runs. */
  @Override
  public synchronized void close() {
    if (process != null) {
      ProcessReaper.killTree(process.toHandle());
      waitFor(process, Duration.ofSeconds(30), "SIGKILL");
      ProcessReaper.unregister(process);
    }
  }
}
