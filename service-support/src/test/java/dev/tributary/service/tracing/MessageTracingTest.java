package dev.tributary.service.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MessageTracingTest {

  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

  private final OpenTelemetrySdk sdk =
      OpenTelemetrySdk.builder()
          .setTracerProvider(
              SdkTracerProvider.builder()
                  .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(0.0)))
                  .build())
          .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
          .build();
  private final io.opentelemetry.api.trace.Tracer otel = sdk.getTracer("test");
  private final MessageTracing tracing =
      new MessageTracing(
          new OtelTracer(otel, new OtelCurrentTraceContext(), event -> {}),
          new OtelPropagator(sdk.getPropagators(), otel));

  @AfterEach
  void close() {
    sdk.close();
  }

  @Test
  void a_span_continues_a_sampled_traceparent_and_hands_on_its_own() {
    Span span = tracing.start("work", "00-" + TRACE + "-00f067aa0ba902b7-01");

    String handedOn = tracing.traceparent(span, null);

    assertThat(handedOn).startsWith("00-" + TRACE + "-").endsWith("-01");
    assertThat(handedOn).doesNotContain("00f067aa0ba902b7");
  }

  @Test
  void a_span_continues_an_unsampled_traceparent_and_keeps_it_unsampled() {
    Span span = tracing.start("work", "00-" + TRACE + "-00f067aa0ba902b7-00");

    assertThat(tracing.traceparent(span, null)).startsWith("00-" + TRACE + "-").endsWith("-00");
  }

  @Test
  void without_a_traceparent_a_span_starts_a_new_trace() {
    Span span = tracing.start("work", null);

    assertThat(tracing.traceparent(span, null))
        .doesNotContain(TRACE)
        .matches("00-\\p{XDigit}{32}-\\p{XDigit}{16}-0\\d");
  }

  @Test
  void with_tracing_disabled_the_context_received_is_handed_on() {
    MessageTracing disabled = MessageTracing.disabled();
    String received = "00-" + TRACE + "-00f067aa0ba902b7-01";

    Span span = disabled.start("work", received);

    assertThat(disabled.traceparent(span, received)).isEqualTo(received);
  }
}
