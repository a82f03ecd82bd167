package dev.tributary.testkit;

import dev.tributary.contracts.Topics;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * What one test (or one group of services under test) uses: a fresh database, a unique topic prefix
 * and the shared broker. Creating one also makes Awaitility poll every 20 ms, from the start.
 *
 * @param database the database
 * @param topics the topic names, with a prefix of their own
 * @param bootstrapServers the broker
 */
public record TestEnvironment(TestDatabase database, Topics topics, String bootstrapServers) {

  public static TestEnvironment create() {
    // The services answer in milliseconds; Awaitility's defaults (a first check after 100 ms,
    // then every 100 ms) made the waits most of a suite's time (BadInputIT: 89 s, 38 s without).
    Awaitility.setDefaultPollDelay(Duration.ZERO);
    Awaitility.setDefaultPollInterval(Duration.ofMillis(20));
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
