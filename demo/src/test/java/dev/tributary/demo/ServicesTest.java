package dev.tributary.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the services are started with; starting them is the integration tests' job. */
class ServicesTest {

  @Test
  void the_services_use_the_database_and_kafka_they_are_given() {
    Services services =
        new Services(
            new PostgresAccess("jdbc:postgresql://db.example/tributary_demo", "demo", "s3cret"),
            new KafkaAccess(
                "k1:9092,k2:9092",
                Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "PLAIN"),
                "team-a."),
            (short) 3);

    Map<String, String> properties = services.common(Services.PROCESSOR_GROUP);

    assertThat(properties)
        .containsEntry("spring.datasource.url", "jdbc:postgresql://db.example/tributary_demo")
        .containsEntry("spring.datasource.username", "demo")
        .containsEntry("spring.datasource.password", "s3cret")
        .containsEntry("spring.kafka.bootstrap-servers", "k1:9092,k2:9092")
        .containsEntry("spring.kafka.properties.security.protocol", "SASL_SSL")
        .containsEntry("spring.kafka.properties.sasl.mechanism", "PLAIN")
        .containsEntry("spring.kafka.consumer.group-id", "team-a.tributary-processor")
        .containsEntry("tributary.kafka.topic-prefix", "team-a.")
        .containsEntry("tributary.kafka.replication-factor", "3")
        .containsEntry("tributary.kafka.partitions", String.valueOf(EmbeddedBroker.PARTITIONS));
    assertThat(services.common(Services.SCHEDULER_GROUP))
        .containsEntry("spring.kafka.consumer.group-id", "team-a.tributary-scheduler");
  }

  @Test
  void without_a_prefix_the_services_keep_their_own_groups_and_topics() {
    Services services =
        new Services(
            new PostgresAccess("jdbc:postgresql://localhost:5432/tributary", "postgres", ""),
            KafkaAccess.plain("127.0.0.1:9092", ""),
            (short) 1);

    assertThat(services.common(Services.SCHEDULER_GROUP))
        .containsEntry("spring.kafka.consumer.group-id", "tributary-scheduler")
        .containsEntry("tributary.kafka.topic-prefix", "")
        .containsEntry("spring.datasource.password", "")
        .doesNotContainKey("spring.kafka.properties.security.protocol");
  }

  @Test
  void the_sample_workers_use_the_same_kafka_settings_prefix_and_a_prefixed_group() {
    KafkaAccess kafka = new KafkaAccess("k1:9092", Map.of("security.protocol", "SSL"), "team-a.");

    var options = FulfilmentWorker.create(kafka, null).options();

    assertThat(options.bootstrapServers()).isEqualTo("k1:9092");
    assertThat(options.kafkaProperties()).isEqualTo(Map.of("security.protocol", "SSL"));
    assertThat(options.topics().prefix()).isEqualTo("team-a.");
    assertThat(options.groupId()).isEqualTo("team-a.demo-fulfilment-workers");
  }
}
