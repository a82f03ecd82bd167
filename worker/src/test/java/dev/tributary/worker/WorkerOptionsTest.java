package dev.tributary.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WorkerOptionsTest {

  private static WorkerOptions.Builder valid() {
    return WorkerOptions.builder().bootstrapServers("localhost:9092").groupId("shop-workers");
  }

  @Test
  void defaults_apply_to_what_is_not_set() {
    WorkerOptions options = valid().build();

    assertThat(options.concurrency()).isEqualTo(WorkerOptions.DEFAULT_CONCURRENCY);
    assertThat(options.shutdownGracePeriod())
        .isEqualTo(WorkerOptions.DEFAULT_SHUTDOWN_GRACE_PERIOD);
    assertThat(options.topics().prefix()).isEmpty();
    assertThat(options.topics().dispatch("shop")).isEqualTo("steps.shop");
    assertThat(options.clientId()).isEmpty();
    assertThat(options.workerId()).isNotBlank();
    assertThat(options.kafkaProperties()).isEmpty();
  }

  @Test
  void bootstrap_servers_are_required() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> WorkerOptions.builder().groupId("g").build())
        .withMessageContaining("bootstrapServers is required")
        .withMessageContaining("localhost:9092");
  }

  @Test
  void a_group_id_is_required() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> WorkerOptions.builder().bootstrapServers("localhost:9092").build())
        .withMessageContaining("groupId is required")
        .withMessageContaining("consumer group");
  }

  @Test
  void a_topic_prefix_with_illegal_characters_is_rejected_pointing_at_the_scheduler_setting() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> valid().topicPrefix("staging/").build())
        .withMessageContaining("'staging/'")
        .withMessageContaining("tributary.kafka.topic-prefix");
  }

  @Test
  void concurrency_must_be_between_one_and_the_maximum() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> valid().concurrency(0).build())
        .withMessageContaining("between 1 and " + WorkerOptions.MAX_CONCURRENCY)
        .withMessageContaining("was 0");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> valid().concurrency(WorkerOptions.MAX_CONCURRENCY + 1).build())
        .withMessageContaining("run more worker instances");
  }

  @Test
  void a_negative_grace_period_is_rejected_suggesting_zero() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> valid().shutdownGracePeriod(Duration.ofSeconds(-1)).build())
        .withMessageContaining("Duration.ZERO");
  }

  @Test
  void blank_client_and_worker_ids_are_rejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> valid().clientId(" ").build())
        .withMessageContaining("leave it unset");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> valid().workerId("").build())
        .withMessageContaining("leave it unset");
  }

  @Test
  void kafka_properties_the_worker_relies_on_cannot_be_overridden() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> valid().kafkaProperty("enable.auto.commit", "true").build())
        .withMessageContaining("'enable.auto.commit' is set by the worker");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> valid().kafkaProperty("acks", "1").build())
        .withMessageContaining("'acks'");
  }

  @Test
  void other_kafka_properties_pass_through_and_are_not_printed() {
    WorkerOptions options =
        valid()
            .kafkaProperty("security.protocol", "SASL_SSL")
            .kafkaProperty("sasl.jaas.config", "secret-password")
            .build();

    assertThat(options.kafkaProperties())
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.jaas.config", "secret-password");
    assertThat(options.toString()).contains("sasl.jaas.config").doesNotContain("secret-password");
  }

  @Test
  void options_do_not_change_when_the_builder_does() {
    WorkerOptions.Builder builder = valid().kafkaProperty("a", "1");
    WorkerOptions options = builder.build();

    builder.kafkaProperty("b", "2").concurrency(3);

    assertThat(options.kafkaProperties()).containsOnlyKeys("a");
    assertThat(options.concurrency()).isEqualTo(WorkerOptions.DEFAULT_CONCURRENCY);
  }
}
