package dev.tributary.service.tracing;

import dev.tributary.contracts.MessageHeaders;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * Spans of the services' work on messages, each continuing the W3C trace context its message
 * carried ({@link MessageHeaders#TRACEPARENT}) or the store kept, so that a task's request,
 * creation, dispatches, results and events are one trace.
 *
 * <p>The services apply a poll of messages in one transaction, so they do not rely on a span "in
 * scope" (a thread-local current span), which one batch cannot have per record: each message gets
 * its own span, and its traceparent is passed explicitly to what it leads to.
 *
 * <p>When tracing is disabled the tracer is a no-op: spans cost nothing and {@link #traceparent}
 * hands on the context a message arrived with, so traces that pass through still join up.
 */
public final class MessageTracing {

  /** The MDC key of the task a log line is about; the worker library uses the same. */
  public static final String MDC_TASK_ID = "tributary.task_id";

  /** The MDC key of the step a log line is about. */
  public static final String MDC_STEP_ID = "tributary.step_id";

  private final Tracer tracer;
  private final Propagator propagator;

  public MessageTracing(Tracer tracer, Propagator propagator) {
    this.tracer = tracer;
    this.propagator = propagator;
  }

  /** Tracing that records nothing and hands contexts on unchanged: for tests and tools. */
  public static MessageTracing disabled() {
    return new MessageTracing(Tracer.NOOP, Propagator.NOOP);
  }

  /**
   * Starts a span continuing {@code traceparent}; without one (or with one that does not parse), a
   * child of the current span, or a new trace when there is none.
   */
  public Span start(String name, Span.Kind kind, @Nullable String traceparent) {
    return builder(traceparent).name(name).kind(kind).start();
  }

  /** As {@link #start(String, Span.Kind, String)}, for work inside the service (no kind). */
  public Span start(String name, @Nullable String traceparent) {
    return builder(traceparent).name(name).start();
  }

  private Span.Builder builder(@Nullable String traceparent) {
    return traceparent == null
        ? tracer.spanBuilder()
        : propagator.extract(Map.of(MessageHeaders.TRACEPARENT, traceparent), Map::get);
  }

  /**
   * The traceparent to send onwards from {@code span}: its own, or, when tracing is off, the one it
   * continued.
   */
  public @Nullable String traceparent(Span span, @Nullable String continued) {
    // Not span.isNoop(): that is true of an unsampled span too, whose context (the caller's trace
    // id, not sampled) must still be handed on.
    Map<String, String> carrier = new HashMap<>(2);
    propagator.inject(
        span.context(),
        carrier,
        (into, key, value) -> {
          if (into != null) {
            into.put(key, value);
          }
        });
    String own = carrier.get(MessageHeaders.TRACEPARENT);
    return own != null ? own : continued;
  }

  /**
   * Until closed, log lines of this thread carry the ids of {@code span} (trace and span) and of
   * the task and step it works on, in the MDC ({@link #MDC_TASK_ID}, {@link #MDC_STEP_ID}).
   */
  public LogContext logContext(Span span, UUID taskId, @Nullable UUID stepId) {
    Tracer.SpanInScope scope = tracer.withSpan(span);
    MDC.put(MDC_TASK_ID, taskId.toString());
    if (stepId != null) {
      MDC.put(MDC_STEP_ID, stepId.toString());
    }
    return () -> {
      MDC.remove(MDC_TASK_ID);
      MDC.remove(MDC_STEP_ID);
      scope.close();
    };
  }

  /** Restores the thread's logging context; closing throws nothing. */
  @FunctionalInterface
  public interface LogContext extends AutoCloseable {
    @Override
    void close();
  }

  /** Ends a span of sending a record, as an error when the send failed. */
  public static void end(Span span, @Nullable Throwable failure) {
    if (failure != null) {
      span.error(failure);
    }
    span.end();
  }

  /** The record's traceparent header, when it has one (the last, if repeated). */
  public static @Nullable String traceparent(Headers headers) {
    Header header = headers.lastHeader(MessageHeaders.TRACEPARENT);
    return header == null || header.value() == null
        ? null
        : new String(header.value(), StandardCharsets.UTF_8);
  }

  /** Sets the record's traceparent header, replacing any; leaves it absent when none is given. */
  public static <K, V> ProducerRecord<K, V> withTraceparent(
      ProducerRecord<K, V> record, @Nullable String traceparent) {
    record.headers().remove(MessageHeaders.TRACEPARENT);
    if (traceparent != null) {
      record
          .headers()
          .add(MessageHeaders.TRACEPARENT, traceparent.getBytes(StandardCharsets.UTF_8));
    }
    return record;
  }
}
