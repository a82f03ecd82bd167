package dev.tributary.bench.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A child JVM of the benchmark (the broker, the worker library): this JVM's {@code java} and class
 * path, its log in a file of its own ({@code -Dbench.log}) and its standard error next to it
 * ({@code .err}), killed if the benchmark dies first. Closing it closes its standard input, on
 * which the child ends; one that has not ended in time is killed.
 */
public final class ChildJvm implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ChildJvm.class);

  private final String name;
  private final Process process;
  private final Thread shutdownHook;
  private final Duration stopTimeout;

  private ChildJvm(String name, Process process, Thread shutdownHook, Duration stopTimeout) {
    this.name = name;
    this.process = process;
    this.shutdownHook = shutdownHook;
    this.stopTimeout = stopTimeout;
  }

  /**
   * Starts {@code main} with the arguments.
   *
   * @param name what it is, for logs and errors ("the Kafka broker")
   */
  public static ChildJvm start(
      String name,
      Class<?> main,
      List<String> jvmOptions,
      List<String> arguments,
      Path logFile,
      Duration stopTimeout) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-Dbench.log=" + logFile);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(arguments);
    Process process;
    try {
      process =
          new ProcessBuilder(command)
              .redirectError(
                  ProcessBuilder.Redirect.appendTo(
                      logFile.resolveSibling(logFile.getFileName() + ".err").toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + name, e);
    }
    Thread hook = new Thread(process::destroyForcibly, "bench-child-jvm-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    return new ChildJvm(name, process, hook, stopTimeout);
  }

  /** The running process: its standard output, its id, its CPU. */
  public Process process() {
    return process;
  }

  @Override
  public void close() {
    try {
      process.getOutputStream().close();
      if (!process.waitFor(stopTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn(
            "{} (process {}) did not stop in {}; killing it", name, process.pid(), stopTimeout);
        process.destroyForcibly();
      }
    } catch (IOException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs anyway
    }
  }
}
