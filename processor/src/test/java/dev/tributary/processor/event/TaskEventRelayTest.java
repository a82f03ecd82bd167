package dev.tributary.processor.event;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.contracts.Topics;
import dev.tributary.service.database.DatabaseTimeouts;
import dev.tributary.service.tracing.MessageTracing;
import dev.tributary.store.outbox.TaskEventOutbox;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** The relay's one transaction across a network wait ends before the server would end it. */
class TaskEventRelayTest {

  @Test
  void a_send_wait_shorter_than_the_idle_in_transaction_timeout_is_accepted() {
    assertThatCode(() -> relay(30_000, Duration.ofSeconds(60))).doesNotThrowAnyException();
  }

  @Test
  void a_send_wait_the_server_would_cut_short_is_refused_at_start_up() {
    assertThatThrownBy(() -> relay(120_000, Duration.ofSeconds(60)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("PT2M5S")
        .hasMessageContaining("tributary.database.idle-in-transaction-timeout (PT1M)");
  }

  private static TaskEventRelay relay(int deliveryTimeoutMs, Duration idleInTransaction) {
    var producers =
        new DefaultKafkaProducerFactory<String, byte[]>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                "127.0.0.1:9",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                deliveryTimeoutMs),
            new StringSerializer(),
            new ByteArraySerializer());
    return new TaskEventRelay(
        new TaskEventOutbox(DSL.using(SQLDialect.POSTGRES)),
        new TransactionTemplate(),
        new KafkaTemplate<>(producers),
        Topics.defaults(),
        new EventRelayProperties(Duration.ofSeconds(1), 500),
        new DatabaseTimeouts(
            Duration.ofSeconds(5),
            Duration.ofSeconds(90),
            Duration.ofSeconds(30),
            Duration.ofSeconds(10),
            idleInTransaction,
            Duration.ofSeconds(30)),
        MessageTracing.disabled(),
        java.time.Clock.systemUTC(),
        new SimpleMeterRegistry());
  }
}
