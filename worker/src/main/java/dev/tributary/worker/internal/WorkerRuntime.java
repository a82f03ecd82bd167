package dev.tributary.worker.internal;

import dev.tributary.worker.WorkerCounters;
import dev.tributary.worker.WorkerOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a {@link dev.tributary.worker.TributaryWorker} runs: the Kafka clients, the polling thread,
 * the handler threads and the deadline timer. Not an API.
 */
public final class WorkerRuntime {

  private static final Logger log = LoggerFactory.getLogger(WorkerRuntime.class);

  /** How long closing may take beyond the grace period: committing, leaving the group, flushing. */
  static final Duration CLOSE_MARGIN = Duration.ofSeconds(30);

  /** How long the producer may take to flush on close. */
  static final Duration PRODUCER_CLOSE_TIMEOUT = Duration.ofSeconds(10);

  private final WorkerOptions options;
  private final HandlerRegistry handlers;
  private final List<String> topics;
  private final Counters counters = new Counters();

  private enum Phase {
    NEW,
    RUNNING,
    CLOSED
  }

  /** What runs between start and close. */
  private record Running(
      DispatchLoop loop,
      ResultPublisher publisher,
      ExecutorService handlerThreads,
      ScheduledExecutorService timer) {}

  private final Object lifecycle = new Object();
  private volatile Phase phase = Phase.NEW; // changed holding lifecycle
  private @Nullable Running running; // guarded by lifecycle

  public WorkerRuntime(WorkerOptions options, HandlerRegistry handlers) {
    this.options = options;
    this.handlers = handlers;
    this.topics = handlers.namespaces().stream().map(options.topics()::dispatch).toList();
  }

  public void start() {
    synchronized (lifecycle) {
      if (phase != Phase.NEW) {
        throw new IllegalStateException(
            "the worker was "
                + (phase == Phase.RUNNING ? "started" : "closed")
                + " already; build a new one");
      }
      // The clients first: a bad Kafka property fails here, before any thread exists.
      KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(KafkaClients.consumer(options));
      KafkaProducer<String, byte[]> producer;
      try {
        producer = new KafkaProducer<>(KafkaClients.producer(options));
      } catch (RuntimeException e) {
        consumer.close(CloseOptions.timeout(Duration.ZERO));
        throw e;
      }
      ScheduledThreadPoolExecutor timer =
          new ScheduledThreadPoolExecutor(
              1, Thread.ofPlatform().daemon().name("tributary-timer").factory());
      timer.setRemoveOnCancelPolicy(true);
      ExecutorService handlerThreads =
          Executors.newThreadPerTaskExecutor(
              Thread.ofVirtual().name("tributary-step-", 0).factory());
      ResultPublisher publisher =
          new ResultPublisher(producer, options.topics().stepResults(), timer);
      DispatchLoop loop =
          new DispatchLoop(
              consumer, topics, options, handlers, publisher, counters, handlerThreads, timer);
      // Not a daemon: a worker's main thread may return after start().
      Thread.ofPlatform().name("tributary-poll-" + options.groupId()).start(loop);
      running = new Running(loop, publisher, handlerThreads, timer);
      phase = Phase.RUNNING;
      log.info("Tributary worker started: topics {}, {}", topics, options);
    }
  }

  public void close() {
    Running stopping;
    synchronized (lifecycle) {
      stopping = running;
      running = null;
      if (stopping != null) {
        stopping.loop().stop(); // before isRunning() turns false: nothing starts after that
      }
      phase = Phase.CLOSED;
    }
    if (stopping == null) {
      return;
    }
    try {
      if (!stopping.loop().awaitStopped(options.shutdownGracePeriod().plus(CLOSE_MARGIN))) {
        log.warn("The polling thread did not stop in time; closing the producer anyway");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      log.warn("Interrupted while stopping; closing the producer anyway");
    }
    stopping.publisher().close(PRODUCER_CLOSE_TIMEOUT);
    stopping.handlerThreads().shutdownNow();
    stopping.timer().shutdownNow();
    log.info("Tributary worker stopped: {}", counters.snapshot());
  }

  public boolean isRunning() {
    return phase == Phase.RUNNING;
  }

  public WorkerCounters counters() {
    return counters.snapshot();
  }

  public List<String> topics() {
    return topics;
  }

  public WorkerOptions options() {
    return options;
  }
}
