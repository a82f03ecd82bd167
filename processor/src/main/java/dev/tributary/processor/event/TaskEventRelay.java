package dev.tributary.processor.event;

import dev.tributary.contracts.MessageHeaders;
import dev.tributary.contracts.Topics;
import dev.tributary.service.background.BackgroundWork;
import dev.tributary.service.database.DatabaseTimeouts;
import dev.tributary.service.kafka.SendWait;
import dev.tributary.service.tracing.MessageTracing;
import dev.tributary.store.outbox.TaskEventOutbox;
import dev.tributary.store.outbox.TaskEventOutbox.OutboxEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Span;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes task events from the outbox: takes the oldest events in a transaction, sends them keyed
 * by task id, waits for the broker, then commits the delete. A crash or a failed send rolls back,
 * and the events go out on the next run: at least once, in order. Woken right after a commit that
 * wrote events; polls as well, for events nobody woke it for.
 *
 * <p>This is the one transaction of Tributary that stays open across a network wait. What it holds
 * (the relay's advisory lock and the outbox rows it took) blocks no one: other relays skip, and
 * writers only insert. Its wait must end before the server's idle-in-transaction timeout would end
 * the session; the constructor checks it.
 */
@Component
public class TaskEventRelay extends BackgroundWork {

  /** The span of publishing one task event: a child of the span that moved the task. */
  static final String SPAN = "tributary.task.event";

  private static final Logger log = LoggerFactory.getLogger(TaskEventRelay.class);

  private final TaskEventOutbox outbox;
  private final TransactionTemplate transactions;
  private final KafkaTemplate<String, byte[]> kafka;
  private final Topics topics;
  private final EventRelayProperties properties;
  private final Duration sendWait;
  private final Counter published;
  private final Counter failures;
  private final AtomicBoolean wakeUpPending = new AtomicBoolean();
  private final MessageTracing tracing;
  private final Clock clock;

  TaskEventRelay(
      TaskEventOutbox outbox,
      TransactionTemplate transactions,
      KafkaTemplate<String, byte[]> kafka,
      Topics topics,
      EventRelayProperties properties,
      DatabaseTimeouts database,
      MessageTracing tracing,
      Clock clock,
      MeterRegistry meters) {
    super("task-event-relay");
    this.outbox = outbox;
    this.transactions = transactions;
    this.kafka = kafka;
    this.topics = topics;
    this.properties = properties;
    this.sendWait = SendWait.of(kafka.getProducerFactory());
    if (sendWait.compareTo(database.idleInTransactionTimeout()) >= 0) {
      throw new IllegalStateException(
          String.format(
              Locale.ROOT,
              "The event relay waits up to %s for the broker inside a transaction (the producer's"
                  + " delivery.timeout.ms and a margin), which must be shorter than"
                  + " tributary.database.idle-in-transaction-timeout (%s)",
              sendWait,
              database.idleInTransactionTimeout()));
    }
    this.tracing = tracing;
    this.clock = clock;
    this.published = meters.counter("tributary.events.published");
    Gauge.builder("tributary.events.outbox.age", this, TaskEventRelay::outboxAge)
        .description("Age of the oldest task event not yet published; 0 when none waits")
        .baseUnit("seconds")
        .register(meters);
    this.failures = meters.counter("tributary.events.relay.failures");
  }

  /** Publishes soon; calls while a run is pending are folded into it. */
  public void wakeUp() {
    if (wakeUpPending.compareAndSet(false, true)) {
      runSoon(this::run);
    }
  }

  @Override
  protected void schedule(Schedule schedule) {
    schedule.every(properties.pollInterval(), properties.pollInterval(), this::run);
  }

  private void run() {
    wakeUpPending.set(false);
    try {
      int sent;
      do {
        sent = transactions.execute(status -> publishBatch());
      } while (sent == properties.batchSize());
    } catch (RuntimeException e) {
      failures.increment();
      log.warn(
          "Publishing task events failed; retrying in {}: {}",
          properties.pollInterval(),
          e.toString());
    }
  }

  private int publishBatch() {
    List<OutboxEvent> events = outbox.take(properties.batchSize());
    if (events.isEmpty()) {
      return 0;
    }
    CompletableFuture<?>[] sends =
        events.stream().map(this::send).toArray(CompletableFuture<?>[]::new);
    CompletableFuture.allOf(sends).orTimeout(sendWait.toMillis(), TimeUnit.MILLISECONDS).join();
    published.increment(events.size());
    log.debug("Published {} task events, last outbox id {}", events.size(), events.getLast().id());
    return events.size();
  }

  /** Sends one event under a span of its own, in the trace of what moved the task. */
  private CompletableFuture<?> send(OutboxEvent event) {
    Span span =
        tracing
            .start(SPAN, Span.Kind.PRODUCER, event.traceParent())
            .tag("tributary.task.id", event.taskId().toString())
            .tag("tributary.task.state", event.state());
    ProducerRecord<String, byte[]> record =
        MessageTracing.withTraceparent(
            new ProducerRecord<>(
                topics.taskEvents(),
                MessageHeaders.taskKey(event.taskId()),
                event.payloadJson().getBytes(StandardCharsets.UTF_8)),
            tracing.traceparent(span, event.traceParent()));
    return kafka.send(record).whenComplete((sent, failure) -> MessageTracing.end(span, failure));
  }

  /**
   * Seconds since the oldest event still in the outbox was written: how far the relay is behind.
   */
  private double outboxAge() {
    return outbox
        .oldestWrittenAt()
        .map(written -> Math.max(0, Duration.between(written, clock.instant()).toMillis() / 1000.0))
        .orElse(0.0);
  }
}
