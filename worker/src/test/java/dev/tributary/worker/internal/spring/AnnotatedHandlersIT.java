package dev.tributary.worker.internal.spring;

import static dev.tributary.worker.FakeScheduler.answer;
import static dev.tributary.worker.FakeScheduler.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.contracts.Expansion;
import dev.tributary.contracts.Outcome;
import dev.tributary.contracts.StepDispatch;
import dev.tributary.worker.FakeScheduler;
import dev.tributary.worker.StepContext;
import dev.tributary.worker.StepFailure;
import dev.tributary.worker.StepOutcome;
import dev.tributary.worker.TributaryHandler;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;

/** The Spring Boot path: annotated bean methods run as handlers, configured by properties. */
class AnnotatedHandlersIT {

  private final FakeScheduler scheduler = new FakeScheduler();

  @AfterEach
  void close() {
    scheduler.close();
  }

  @Test
  void annotated_bean_methods_handle_their_dispatches_and_count_in_micrometer() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(TributaryWorkerAutoConfiguration.class))
        .withUserConfiguration(ShippingConfiguration.class)
        .withPropertyValues(
            // The worker falls back on the properties Spring Kafka and the services use.
            "spring.kafka.bootstrap-servers=" + scheduler.bootstrapServers(),
            "tributary.kafka.topic-prefix=" + scheduler.topics().prefix(),
            "tributary.worker.group-id=shipping-workers",
            "tributary.worker.concurrency=2",
            "tributary.worker.worker-id=spring-worker")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              StepDispatch decide = scheduler.dispatch("choose_carrier").build();
              StepDispatch label = scheduler.dispatch("print_label").build();
              StepDispatch notify = scheduler.dispatch("notify").build();
              StepDispatch refuse = scheduler.dispatch("refuse").build();

              List.of(decide, label, notify, refuse).forEach(scheduler::send);

              assertThat(answer(scheduler.awaitAnswer(decide)).outcome())
                  .isEqualTo(
                      new Outcome.Succeeded(
                          json("null"), new Expansion.CreateSteps(List.of("express"))));
              assertThat(answer(scheduler.awaitAnswer(label)).outcome())
                  .isEqualTo(new Outcome.Succeeded(json("{\"label\": \"order-42\"}")));
              assertThat(answer(scheduler.awaitAnswer(notify)).outcome())
                  .isEqualTo(new Outcome.Succeeded(json("null")));
              assertThat(answer(scheduler.awaitAnswer(refuse)).outcome())
                  .isEqualTo(new Outcome.Failed(false, "StepFailure", "no carrier", null));
              assertThat(answer(scheduler.awaitAnswer(label)).worker().workerId())
                  .isEqualTo("spring-worker");

              MeterRegistry meters = context.getBean(MeterRegistry.class);
              await()
                  .untilAsserted(
                      () ->
                          assertThat(
                                  meters
                                      .get("tributary.worker.attempts")
                                      .tag("outcome", "succeeded")
                                      .functionCounter()
                                      .count())
                              .isEqualTo(3.0));
              assertThat(
                      meters
                          .get("tributary.worker.attempts")
                          .tag("outcome", "failed")
                          .functionCounter()
                          .count())
                  .isEqualTo(1.0);
              assertThat(handlerRuns(meters, "print_label", "succeeded")).isEqualTo(1);
              assertThat(handlerRuns(meters, "refuse", "failed")).isEqualTo(1);
              assertThat(handlerRuns(meters, "refuse", "succeeded")).isZero();
            });
  }

  /** Runs of the handler timed with the outcome, by namespace "shop". */
  private static long handlerRuns(MeterRegistry meters, String handler, String outcome) {
    return meters
        .find("tributary.worker.handler.duration")
        .tags("tributary_namespace", "shop", "handler", handler, "outcome", outcome)
        .timers()
        .stream()
        .mapToLong(io.micrometer.core.instrument.Timer::count)
        .sum();
  }

  @Configuration(proxyBeanMethods = false)
  static class ShippingConfiguration {

    @Bean
    ShippingHandlers shippingHandlers() {
      return new ShippingHandlers();
    }

    @Bean
    MeterRegistry meterRegistry() {
      return new SimpleMeterRegistry();
    }
  }

  static class ShippingHandlers {

    @TributaryHandler(namespace = "shop", handler = "choose_carrier")
    StepOutcome chooseCarrier(StepContext context) {
      return StepOutcome.decide("express");
    }

    @TributaryHandler(namespace = "shop", handler = "print_label")
    JsonNode printLabel(StepContext context) {
      return json("{\"label\": \"" + context.correlationId().orElseThrow() + "\"}");
    }

    @TributaryHandler(namespace = "shop", handler = "notify")
    void notifyCustomer(StepContext context) {}

    @TributaryHandler(namespace = "shop", handler = "refuse")
    void refuse(StepContext context) {
      throw StepFailure.permanent("no carrier");
    }
  }
}
