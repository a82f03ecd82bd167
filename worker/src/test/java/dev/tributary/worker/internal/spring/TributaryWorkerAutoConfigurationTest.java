package dev.tributary.worker.internal.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.worker.StepContext;
import dev.tributary.worker.StepOutcome;
import dev.tributary.worker.TributaryHandler;
import dev.tributary.worker.WorkerOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** How the auto-configuration reacts to configuration mistakes, without a broker. */
class TributaryWorkerAutoConfigurationTest {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(TributaryWorkerAutoConfiguration.class));

  @Test
  void without_handlers_nothing_starts_and_no_configuration_is_needed() {
    runner.run(
        context -> {
          assertThat(context).hasNotFailed();
          assertThat(context.getBean(WorkerLifecycle.class).worker()).isNull();
        });
  }

  @Test
  void a_method_with_the_wrong_signature_fails_startup_naming_it() {
    runner
        .withUserConfiguration(WrongSignature.class)
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("WrongSignatureHandlers.ship(String)")
                    .hasMessageContaining("must take one StepContext parameter"));
  }

  @Test
  void two_methods_for_one_handler_fail_startup_naming_both() {
    runner
        .withUserConfiguration(Duplicates.class)
        .withPropertyValues(
            "tributary.worker.bootstrap-servers=localhost:9092", "tributary.worker.group-id=g")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("DuplicateHandlers.first(StepContext)")
                    .hasMessageContaining("DuplicateHandlers.second(StepContext)"));
  }

  @Test
  void handlers_without_a_group_id_fail_startup_saying_which_property_to_set() {
    runner
        .withUserConfiguration(Valid.class)
        .withPropertyValues("tributary.worker.bootstrap-servers=localhost:9092")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .hasStackTraceContaining(
                        "Invalid Tributary worker configuration (properties tributary.worker.*):"
                            + " groupId is required"));
  }

  @Test
  void properties_become_worker_options() {
    runner
        .withPropertyValues(
            "tributary.worker.bootstrap-servers=kafka-0:9092,kafka-1:9092",
            "tributary.worker.group-id=shop-workers",
            "tributary.worker.topic-prefix=staging.",
            "tributary.worker.concurrency=16",
            "tributary.worker.shutdown-grace-period=45s",
            "tributary.worker.client-id=shop",
            "tributary.worker.worker-id=pod-1",
            "tributary.worker.kafka.security.protocol=SSL")
        .run(
            context -> {
              WorkerOptions options = context.getBean(WorkerOptions.class);
              assertThat(options.bootstrapServers()).isEqualTo("kafka-0:9092,kafka-1:9092");
              assertThat(options.groupId()).isEqualTo("shop-workers");
              assertThat(options.topics().dispatch("shop")).isEqualTo("staging.steps.shop");
              assertThat(options.concurrency()).isEqualTo(16);
              assertThat(options.shutdownGracePeriod()).isEqualTo(Duration.ofSeconds(45));
              assertThat(options.clientId()).contains("shop");
              assertThat(options.workerId()).isEqualTo("pod-1");
              assertThat(options.kafkaProperties()).containsEntry("security.protocol", "SSL");
            });
  }

  @Test
  void the_worker_can_be_turned_off() {
    runner
        .withUserConfiguration(Valid.class)
        .withPropertyValues("tributary.worker.enabled=false")
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(WorkerLifecycle.class));
  }

  @Configuration(proxyBeanMethods = false)
  static class WrongSignature {
    @Bean
    WrongSignatureHandlers handlers() {
      return new WrongSignatureHandlers();
    }
  }

  static class WrongSignatureHandlers {
    @TributaryHandler(namespace = "shop", handler = "ship")
    StepOutcome ship(String input) {
      return StepOutcome.success();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Duplicates {
    @Bean
    DuplicateHandlers handlers() {
      return new DuplicateHandlers();
    }
  }

  static class DuplicateHandlers {
    @TributaryHandler(namespace = "shop", handler = "ship")
    StepOutcome first(StepContext context) {
      return StepOutcome.success();
    }

    @TributaryHandler(namespace = "shop", handler = "ship")
    StepOutcome second(StepContext context) {
      return StepOutcome.success();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Valid {
    @Bean
    ShipHandler handlers() {
      return new ShipHandler();
    }
  }

  static class ShipHandler {
    @TributaryHandler(namespace = "shop", handler = "ship")
    StepOutcome ship(StepContext context) {
      return StepOutcome.success();
    }
  }
}
