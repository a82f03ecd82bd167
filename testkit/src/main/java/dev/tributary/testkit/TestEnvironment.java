package dev.tributary.testkit;

import dev.tributary.contracts.Topics;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * What one test (or one group of services under test) uses: a fresh database, a unique topic prefix
 * and the shared broker.
 *
 * @param database the database
 * @param topics the topic names, with a prefix of their own
 * @param bootstrapServers the broker
 */
public record TestEnvironment(TestDatabase database, Topics topics, String bootstrapServers) {

  public static TestEnvironment create() {
    return new TestEnvironment(
        TestInfrastructure.postgres().newDatabase(),
        new Topics(TestTopics.uniquePrefix()),
        TestInfrastructure.kafka().bootstrapServers());
  }

  /** Spring properties that point a service at this environment. */
  public void register(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", database::jdbcUrl);
    registry.add("spring.datasource.username", database::username);
    registry.add("spring.datasource.password", database::password);
    registry.add("spring.kafka.bootstrap-servers", this::bootstrapServers);
    registry.add("tributary.kafka.topic-prefix", topics::prefix);
    registry.add("tributary.kafka.partitions", () -> String.valueOf(KafkaServer.PARTITIONS));
  }
}
