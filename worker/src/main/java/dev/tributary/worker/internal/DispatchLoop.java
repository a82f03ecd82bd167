package dev.tributary.worker.internal;

import dev.tributary.contracts.ErrorClasses;
import dev.tributary.contracts.InvalidMessageException;
import dev.tributary.contracts.JsonCodec;
import dev.tributary.contracts.MessageHeaders;
import dev.tributary.contracts.Outcome;
import dev.tributary.contracts.StepDispatch;
import dev.tributary.contracts.WorkerInfo;
import dev.tributary.worker.StepHandler;
import dev.tributary.worker.WorkerOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The polling thread. It alone touches the consumer and the offset bookkeeping; other threads talk
 * to it by queueing events ({@link #execute(Runnable)}): "this answer was acknowledged", "this
 * handler returned".
 *
 * <p>Each turn it runs the queued events, starts waiting dispatches while fewer than {@code
 * concurrency} handlers run, commits offsets that moved (every {@link #COMMIT_INTERVAL}), and
 * polls. While every slot is taken it reads ahead until a slot's worth waits, so a slot that frees
 * starts the next dispatch at once, and waits for a handler to return rather than for records; then
 * it pauses its partitions. Polls hold at most {@code concurrency} dispatches ({@code
 * max.poll.records}), so fewer than twice that wait in memory beside the running ones. (Pausing as
 * soon as one poll waited measured no better than no read-ahead: 2,694 against 2,678 steps/s.)
 */
final class DispatchLoop implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(DispatchLoop.class);
  private static final JsonCodec<StepDispatch> DISPATCHES = JsonCodec.of(StepDispatch.class);

  /** The longest a turn waits for records or events; bounds how late offsets are committed. */
  static final Duration POLL_TIMEOUT = Duration.ofMillis(100);

  /** How often offsets that moved are committed. */
  static final Duration COMMIT_INTERVAL = Duration.ofMillis(100);

  /** The pause after the consumer failed unexpectedly, before trying again. */
  static final Duration FAILURE_BACKOFF = Duration.ofSeconds(1);

  /** How long closing the consumer may take, on top of the grace period. */
  static final Duration CONSUMER_CLOSE_TIMEOUT = Duration.ofSeconds(10);

  private final Consumer<String, byte[]> consumer;
  private final List<String> topics;
  private final WorkerOptions options;
  private final HandlerRegistry handlers;
  private final ResultPublisher publisher;
  private final Counters counters;
  private final HandlerSpans spans;
  private final Executor handlerThreads;
  private final ScheduledExecutorService timer;

  private final LinkedBlockingQueue<Runnable> events = new LinkedBlockingQueue<>();
  private final AssignedOffsets offsets;
  private final ArrayDeque<Received> waiting = new ArrayDeque<>();

  /** Attempts whose handler has not returned: each holds a concurrency slot. */
  private final Set<Execution> executions = new HashSet<>();

  /** Dispatches answered or being answered whose answer is not acknowledged yet. */
  private final Set<Received> unacknowledged = new HashSet<>();

  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean stopping;

  DispatchLoop(
      Consumer<String, byte[]> consumer,
      List<String> topics,
      WorkerOptions options,
      HandlerRegistry handlers,
      ResultPublisher publisher,
      Counters counters,
      Executor handlerThreads,
      ScheduledExecutorService timer) {
    this.consumer = consumer;
    this.offsets = new AssignedOffsets(consumer);
    this.topics = topics;
    this.options = options;
    this.handlers = handlers;
    this.publisher = publisher;
    this.counters = counters;
    this.spans = new HandlerSpans(options.openTelemetry());
    this.handlerThreads = handlerThreads;
    this.timer = timer;
  }

  @Override
  public void run() {
    try {
      consumer.subscribe(topics, new Rebalances());
      while (!stopping) {
        try {
          turn();
        } catch (InterruptException e) {
          interrupted();
        } catch (RuntimeException e) {
          log.warn(
              "Consuming dispatches failed; trying again in {} (running handlers go on)",
              FAILURE_BACKOFF,
              e);
          awaitEvent(FAILURE_BACKOFF);
        }
      }
      drain();
    } catch (RuntimeException e) {
      log.error("The polling thread failed; this indicates a bug. Dispatches are given back", e);
    } finally {
      try {
        consumer.close(CloseOptions.timeout(CONSUMER_CLOSE_TIMEOUT));
      } catch (RuntimeException e) {
        log.warn("Closing the consumer failed; the group rebalances when its session expires", e);
      }
      stopped.countDown();
    }
  }

  /** Asks the loop to stop fetching and drain; see {@link #drain()}. */
  void stop() {
    stopping = true;
  }

  /** Waits for the loop to finish draining and leave the group. */
  boolean awaitStopped(Duration timeout) throws InterruptedException {
    return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Runs {@code event} on the polling thread, soon. Any thread. */
  void execute(Runnable event) {
    events.add(event);
  }

  private void turn() {
    runEvents();
    startWaiting();
    offsets.commitMoved(COMMIT_INTERVAL);
    Iterable<ConsumerRecord<String, byte[]>> records;
    if (executions.size() >= options.concurrency()) {
      // Every slot taken: wake when a handler returns, not when records come. Back-pressure once a
      // slot's worth waits: read nothing more, but keep polling so that the group membership and
      // rebalances go on.
      if (waiting.size() >= options.concurrency()) {
        consumer.pause(consumer.assignment());
      } else {
        resumeAll();
      }
      awaitEvent(POLL_TIMEOUT);
      records = consumer.poll(Duration.ZERO);
    } else {
      resumeAll();
      records = consumer.poll(POLL_TIMEOUT);
    }
    for (ConsumerRecord<String, byte[]> record : records) {
      receive(record);
    }
  }

  private void resumeAll() {
    if (!consumer.paused().isEmpty()) {
      consumer.resume(consumer.paused());
    }
  }

  private void receive(ConsumerRecord<String, byte[]> record) {
    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
    PartitionOffsets partitionOffsets = offsets.of(partition);
    partitionOffsets.received(record.offset());
    counters.received.increment();
    StepDispatch dispatch;
    try {
      dispatch = DISPATCHES.decode(record.value());
    } catch (InvalidMessageException e) {
      counters.invalid.increment();
      log.warn(
          "Skipping record {}@{} (key {}): not a valid dispatch: {}",
          partition,
          record.offset(),
          record.key(),
          e.getMessage());
      partitionOffsets.done(record.offset());
      return;
    }
    Received received =
        new Received(
            partition,
            record.offset(),
            dispatch,
            record.headers().lastHeader(MessageHeaders.TRACEPARENT),
            partitionOffsets);
    if (handlers.find(dispatch.namespace(), dispatch.handler()) == null) {
      counters.unknownHandlers.increment();
      log.warn(
          "No handler for {}; failing it permanently. This worker has handlers for namespaces {}",
          received,
          handlers.namespaces());
      answerWithoutRunning(
          received,
          Failures.permanent(
              ErrorClasses.UNKNOWN_HANDLER,
              "worker "
                  + options.workerId()
                  + " (group "
                  + options.groupId()
                  + ") has no handler '"
                  + dispatch.handler()
                  + "' for namespace '"
                  + dispatch.namespace()
                  + "'"));
      return;
    }
    if (!expired(received)) {
      waiting.add(received);
    }
  }

  private void startWaiting() {
    while (!waiting.isEmpty() && executions.size() < options.concurrency()) {
      Received received = waiting.remove();
      if (expired(received)) {
        continue;
      }
      StepHandler handler =
          handlers.find(received.dispatch.namespace(), received.dispatch.handler());
      if (handler == null) {
        throw new IllegalStateException("handler of " + received + " vanished; this is a bug");
      }
      Execution execution =
          new Execution(
              received,
              handler,
              publisher,
              counters,
              spans,
              options.clock(),
              options.workerId(),
              () -> acknowledged(received),
              exited -> {
                counters.inFlight.decrementAndGet();
                execute(() -> executions.remove(exited));
              });
      executions.add(execution);
      unacknowledged.add(received);
      counters.inFlight.incrementAndGet();
      execution.start(handlerThreads, timer);
    }
  }

  /** Fails a dispatch already past its deadline instead of running it. */
  private boolean expired(Received received) {
    Instant now = options.clock().instant();
    Instant deadline = received.dispatch.deadline();
    if (now.isBefore(deadline)) {
      return false;
    }
    counters.expired.increment();
    log.warn(
        "Not running {}: its deadline {} passed before it started; failing it as retryable",
        received,
        deadline);
    answerWithoutRunning(
        received,
        Failures.retryable(
            ErrorClasses.DEADLINE_EXCEEDED,
            "the step's deadline " + deadline + " passed before the worker started it"));
    return true;
  }

  private void answerWithoutRunning(Received received, Outcome.Failed failure) {
    unacknowledged.add(received);
    Instant now = options.clock().instant();
    publisher.publish(
        received,
        failure,
        new WorkerInfo(options.workerId(), now, now),
        () -> acknowledged(received));
  }

  /** On a producer thread: the answer to {@code received} is safe on the broker. */
  private void acknowledged(Received received) {
    execute(
        () -> {
          unacknowledged.remove(received);
          offsets.done(received);
        });
  }

  private void runEvents() {
    Runnable event;
    while ((event = events.poll()) != null) {
      event.run();
    }
  }

  /** Waits up to {@code timeout} for an event, then runs it and any others queued. */
  private void awaitEvent(Duration timeout) {
    Runnable event;
    try {
      event = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      interrupted();
      return;
    }
    if (event != null) {
      event.run();
      runEvents();
    }
  }

  /**
   * An interrupt of the polling thread means "stop": the worker drains as if closed. The flag is
   * cleared, or draining could not wait for handlers.
   */
  private void interrupted() {
    Thread.interrupted();
    if (!stopping) {
      log.warn("Polling thread interrupted; stopping the worker as if closed");
      stopping = true;
    }
  }

  /**
   * Shutdown: fetch nothing more, give back what never started, let running handlers finish for the
   * grace period while their answers are acknowledged, abandon the rest, commit.
   */
  private void drain() {
    int givenBack = waiting.size();
    waiting.clear();
    log.info(
        "Stopping: {} dispatches answering, {} waiting ones given back; waiting up to {} for"
            + " running handlers",
        unacknowledged.size(),
        givenBack,
        options.shutdownGracePeriod());
    long end = System.nanoTime() + options.shutdownGracePeriod().toNanos();
    try {
      consumer.pause(consumer.assignment());
      while (!unacknowledged.isEmpty()) {
        long remaining = end - System.nanoTime();
        if (remaining <= 0) {
          break;
        }
        awaitEvent(Duration.ofNanos(Math.min(remaining, POLL_TIMEOUT.toNanos())));
        // Stay in the group (and hear about revocations) while handlers finish.
        consumer.pause(consumer.assignment());
        consumer.poll(Duration.ZERO);
      }
    } catch (RuntimeException e) {
      log.warn("Waiting for running handlers failed; giving them back", e);
    }
    runEvents();
    for (Execution execution : executions) {
      if (execution.abandon()) {
        unacknowledged.remove(execution.received());
        log.info(
            "Giving back {}: still running after the grace period; interrupted, and its dispatch"
                + " will be redelivered",
            execution.received());
      }
    }
    if (!unacknowledged.isEmpty()) {
      log.warn(
          "{} answers were not acknowledged by the broker in time; their dispatches will be"
              + " redelivered",
          unacknowledged.size());
    }
    offsets.commitAll();
  }

  /** Runs inside {@code poll}, on the polling thread. */
  private final class Rebalances implements ConsumerRebalanceListener {

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      if (partitions.isEmpty()) {
        return;
      }
      offsets.commit(partitions);
      forget(partitions);
      log.info("Partitions revoked: {}", partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      forget(partitions);
      log.warn("Partitions lost: {}; their dispatches will be redelivered", partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      offsets.assigned(partitions);
      if (stopping) {
        consumer.pause(partitions); // draining: read nothing new
      }
      if (!partitions.isEmpty()) {
        log.info("Partitions assigned: {}", partitions);
      }
    }

    /**
     * Waiting dispatches of these partitions are dropped (their new owner reads them); running ones
     * still publish their answers, but their offsets are no longer ours to commit.
     */
    private void forget(Collection<TopicPartition> partitions) {
      offsets.forget(partitions);
      waiting.removeIf(received -> partitions.contains(received.partition));
    }
  }
}
