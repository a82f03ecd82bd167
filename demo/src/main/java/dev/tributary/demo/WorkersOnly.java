package dev.tributary.demo;

import dev.tributary.worker.TributaryWorker;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code --workers-only}: the sample workers as a process of their own, for a processor and a
 * scheduler that run elsewhere, until SIGTERM or Ctrl-C. Nothing embedded, no database.
 *
 * <p>A stop is how this process is meant to end, so it ends with 0 once the workers have stopped
 * gracefully, where the JVM would report a TERM as 143: the shutdown hook waits for the main thread
 * to stop the workers and then halts with its exit code.
 */
final class WorkersOnly {

  /** How long the shutdown hook waits for the workers to stop: their grace period and more. */
  private static final long STOP_TIMEOUT_SECONDS = 30;

  private WorkersOnly() {}

  /**
   * Runs the workers until the JVM is asked to stop.
   *
   * @param stopping set once the JVM's shutdown began, so that {@code main} does not call exit
   * @return 0 after a stop; {@link TributaryDemo#EXIT_FAILED} when the workers could not start
   */
  static int run(
      DemoArguments arguments, PrintStream out, PrintStream err, AtomicBoolean stopping) {
    ExternalKafka external = arguments.kafka();
    if (external == null) {
      throw new IllegalStateException("--workers-only without --kafka; this indicates a bug");
    }
    KafkaAccess kafka =
        new KafkaAccess(
            external.bootstrapServers(), external.clientProperties(), arguments.topicPrefix());
    // The library's worker id, the host name and process id: several of these processes may share
    // the work.
    TributaryWorker worker = FulfilmentWorker.create(kafka, null);
    CountDownLatch stopAsked = new CountDownLatch(1);
    CountDownLatch mainDone = new CountDownLatch(1);
    AtomicBoolean stoppedGracefully = new AtomicBoolean();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stopping.set(true);
                  stopAsked.countDown();
                  await(mainDone);
                  out.flush();
                  err.flush();
                  // Otherwise main ended by itself, with a failure: its exit code stands.
                  if (stoppedGracefully.get()) {
                    Runtime.getRuntime().halt(0);
                  }
                },
                "workers-shutdown"));
    try {
      worker.start();
      out.println(description(worker, kafka));
      out.flush();
      stopAsked.await();
      out.println("Stopping the sample workers ...");
      worker.close();
      out.println("Stopped.");
      stoppedGracefully.set(true);
      return 0;
    } catch (RuntimeException e) {
      err.println("tributary-demo: the sample workers failed: " + e);
      return TributaryDemo.EXIT_FAILED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return TributaryDemo.EXIT_FAILED;
    } finally {
      worker.close();
      mainDone.countDown();
    }
  }

  /** The one line saying what is served, from where and to where. */
  static String description(TributaryWorker worker, KafkaAccess kafka) {
    String settings =
        kafka.clientProperties().isEmpty() ? "" : ", client settings " + kafka.settingNames();
    return ("Sample workers of namespace %s (template %s) on Kafka %s: %s -> %s, consumer group"
            + " %s%s; stop with Ctrl-C or SIGTERM.")
        .formatted(
            FulfilmentWorker.NAMESPACE,
            FulfilmentWorker.NAMESPACE + "/" + FulfilmentWorker.TEMPLATE,
            kafka.bootstrapServers(),
            String.join(", ", worker.topics()),
            kafka.topics().stepResults(),
            worker.options().groupId(),
            settings);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
