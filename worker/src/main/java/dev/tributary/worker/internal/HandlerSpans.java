package dev.tributary.worker.internal;

import dev.tributary.contracts.MessageHeaders;
import dev.tributary.contracts.Outcome;
import dev.tributary.contracts.StepDispatch;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.jspecify.annotations.Nullable;

/**
 * The span of each handler run: a child of the dispatch's trace context, with the step, attempt and
 * outcome as attributes (never payloads). Its context replaces the dispatch's on the attempt's
 * results, so the processor's span of each result is its child.
 *
 * <p>The W3C propagator is used directly, not the SDK's configured one: {@code traceparent} is the
 * contract's header. With no SDK (the default) the API's tracer hands the parent's context through
 * unchanged, so results echo the dispatch's traceparent as the contract asks.
 */
final class HandlerSpans {

  static final String SPAN = "tributary.step.handle";

  private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();

  private static final TextMapGetter<Header> HEADER =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Header carrier) {
          return List.of(carrier.key());
        }

        @Override
        public @Nullable String get(@Nullable Header carrier, String key) {
          return carrier == null || !carrier.key().equals(key) || carrier.value() == null
              ? null
              : new String(carrier.value(), StandardCharsets.UTF_8);
        }
      };

  private final Tracer tracer;

  HandlerSpans(OpenTelemetry openTelemetry) {
    this.tracer = openTelemetry.getTracer("dev.tributary.worker");
  }

  /** Starts the span of running the handler of {@code received}; its results carry it on. */
  Span start(Received received) {
    Header inbound = received.traceparent;
    Context parent =
        inbound == null ? Context.root() : W3C.extract(Context.root(), inbound, HEADER);
    StepDispatch dispatch = received.dispatch;
    Span span =
        tracer
            .spanBuilder(SPAN)
            .setParent(parent)
            .setSpanKind(SpanKind.CONSUMER)
            .setAttribute("tributary.task.id", dispatch.taskId().toString())
            .setAttribute("tributary.step.id", dispatch.stepId().toString())
            .setAttribute("tributary.step.name", dispatch.stepName())
            .setAttribute("tributary.attempt", dispatch.attempt())
            .setAttribute("tributary.namespace", dispatch.namespace())
            .setAttribute("tributary.handler", dispatch.handler())
            .startSpan();
    Map<String, String> carrier = new HashMap<>(2);
    W3C.inject(
        parent.with(span),
        carrier,
        (into, key, value) -> {
          if (into != null) {
            into.put(key, value);
          }
        });
    String own = carrier.get(MessageHeaders.TRACEPARENT);
    if (own != null) {
      received.traceparent =
          new RecordHeader(MessageHeaders.TRACEPARENT, own.getBytes(StandardCharsets.UTF_8));
    }
    return span;
  }

  /** Ends the span with the attempt's outcome. */
  static void end(Span span, Outcome outcome) {
    if (outcome instanceof Outcome.Failed failed) {
      span.setAttribute("tributary.error_class", failed.errorClass());
      end(span, "failed", true);
    } else {
      end(span, "succeeded", false);
    }
  }

  /** Ends the span with how the attempt ended, e.g. {@code deadline_exceeded}. */
  static void end(Span span, String outcome, boolean error) {
    span.setAttribute("tributary.outcome", outcome);
    if (error) {
      span.setStatus(StatusCode.ERROR);
    }
    span.end();
  }
}
