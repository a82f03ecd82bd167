package dev.tributary.service.tracing;

import io.micrometer.tracing.Span;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;

/**
 * A message with the span of its handling, and the trace context that span hands on.
 *
 * @param message the message
 * @param span the span of its handling, ended by whoever decides what became of it
 * @param traceparent the context to store or send onwards for what the message leads to
 */
public record Traced<M>(M message, Span span, @Nullable String traceparent) {

  /** Starts the span of handling a received message. */
  public static <M> Traced<M> received(
      M message, String spanName, ConsumerRecord<?, ?> record, MessageTracing tracing) {
    String inbound = MessageTracing.traceparent(record.headers());
    Span span = tracing.start(spanName, Span.Kind.CONSUMER, inbound);
    return new Traced<>(message, span, tracing.traceparent(span, inbound));
  }
}
