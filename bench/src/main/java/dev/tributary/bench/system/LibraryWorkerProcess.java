package dev.tributary.bench.system;

import dev.tributary.bench.infra.ChildJvm;
import dev.tributary.bench.measure.CpuUsage;
import dev.tributary.contracts.Topics;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link LibraryWorkerMain} child JVM: the worker library with trivial handlers, started with
 * this JVM's {@code java} and class path, its log in a file of its own. Its CPU time is read from
 * the operating system ({@link CpuUsage#processCpuSeconds(ProcessHandle)}), so it is the library's
 * (and its Kafka clients') alone. Closing it closes its standard input, on which it closes the
 * worker and exits.
 */
public final class LibraryWorkerProcess implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LibraryWorkerProcess.class);
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private final ChildJvm child;
  private final Process process;

  private LibraryWorkerProcess(ChildJvm child) {
    this.child = child;
    this.process = child.process();
  }

  /**
   * Starts the worker JVM and waits until its group owns every partition of the dispatch topic.
   *
   * @param concurrency the worker's concurrency (steps run at once)
   * @param logFile where its log goes; its standard error goes next to it ({@code .err})
   * @throws IllegalStateException if it ends or is not ready within two minutes
   */
  public static LibraryWorkerProcess start(
      String bootstrapServers, Topics topics, int concurrency, Path logFile) {
    LibraryWorkerProcess worker =
        new LibraryWorkerProcess(
            ChildJvm.start(
                "the library worker process",
                LibraryWorkerMain.class,
                List.of("-Xmx512m"),
                List.of(bootstrapServers, topics.prefix(), String.valueOf(concurrency)),
                logFile,
                STOP_TIMEOUT));
    try {
      worker.awaitReady(logFile);
      log.info("Library worker process {} ready (concurrency {})", worker.pid(), concurrency);
      return worker;
    } catch (RuntimeException e) {
      worker.close();
      throw e;
    }
  }

  /**
   * Reads the child's standard output on a thread of its own until it ends (so the child never
   * blocks on a full pipe), and waits, up to a deadline, for the ready line.
   */
  private void awaitReady(Path logFile) {
    CompletableFuture<Boolean> ready = new CompletableFuture<>();
    Thread.ofPlatform()
        .daemon()
        .name("bench-library-worker-out")
        .start(
            () -> {
              try (BufferedReader out =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                  if (line.equals(LibraryWorkerMain.READY)) {
                    ready.complete(true);
                  }
                }
              } catch (IOException e) {
                // the child ended
              } finally {
                ready.complete(false);
              }
            });
    try {
      if (!ready.get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException(
            "the library worker process ended before it was ready; see " + logFile);
      }
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "the library worker process was not ready in " + READY_TIMEOUT + "; see " + logFile, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the library worker", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("could not read the library worker's output", e);
    }
  }

  /** The worker JVM's process id. */
  public long pid() {
    return process.pid();
  }

  /** CPU seconds the worker JVM has used so far, all its threads. */
  public double cpuSeconds() {
    return CpuUsage.processCpuSeconds(process.toHandle());
  }

  @Override
  public void close() {
    child.close();
  }
}
