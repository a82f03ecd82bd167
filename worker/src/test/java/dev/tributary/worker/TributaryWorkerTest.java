package dev.tributary.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Building a worker; nothing here connects to Kafka. */
class TributaryWorkerTest {

  private static final StepHandler SUCCEED = context -> StepOutcome.success();

  private final TributaryWorker.Builder builder =
      TributaryWorker.builder(
          WorkerOptions.builder()
              .bootstrapServers("localhost:9092")
              .groupId("g")
              .topicPrefix("dev.")
              .build());

  @Test
  void a_worker_reads_the_dispatch_topic_of_each_namespace_it_handles() {
    TributaryWorker worker =
        builder
            .handler("shop", "ship", SUCCEED)
            .handler("shop", "pack", SUCCEED)
            .handler("billing", "invoice", SUCCEED)
            .build();

    assertThat(worker.topics()).containsExactly("dev.steps.billing", "dev.steps.shop");
    assertThat(worker.isRunning()).isFalse();
  }

  @Test
  void a_worker_needs_a_handler() {
    assertThatIllegalStateException()
        .isThrownBy(builder::build)
        .withMessageContaining("at least one handler");
  }

  @Test
  void a_namespace_must_be_able_to_name_a_topic() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> builder.handler("Shop Floor", "ship", SUCCEED))
        .withMessageContaining("'Shop Floor'");
  }

  @Test
  void a_handler_is_registered_once() {
    builder.handler("shop", "ship", SUCCEED);

    assertThatIllegalArgumentException()
        .isThrownBy(() -> builder.handler("shop", "ship", SUCCEED))
        .withMessageContaining("registered twice");
  }

  @Test
  void a_closed_worker_cannot_start() {
    TributaryWorker worker = builder.handler("shop", "ship", SUCCEED).build();

    worker.close();

    assertThatIllegalStateException().isThrownBy(worker::start).withMessageContaining("closed");
  }

  @Test
  void a_bad_kafka_property_fails_start_before_any_thread_runs() {
    TributaryWorker worker =
        TributaryWorker.builder(
                WorkerOptions.builder()
                    .bootstrapServers("localhost:9092")
                    .groupId("g")
                    .kafkaProperty("security.protocol", "CARRIER_PIGEON")
                    .build())
            .handler("shop", "ship", SUCCEED)
            .build();

    assertThatThrownBy(worker::start).hasMessageContaining("security.protocol");
    assertThat(worker.isRunning()).isFalse();
  }
}
