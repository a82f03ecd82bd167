package dev.tributary.service.kafka;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Creates topics that do not exist yet, when {@code tributary.kafka.create-topics} is on. Each
 * topic is checked once per process.
 */
public final class TopicProvisioner {

  private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);

  private final KafkaAdmin admin;
  private final KafkaTopicsProperties properties;
  private final Set<String> ensured = ConcurrentHashMap.newKeySet();

  public TopicProvisioner(KafkaAdmin admin, KafkaTopicsProperties properties) {
    this.admin = admin;
    this.properties = properties;
  }

  /** Creates the topics that are missing; does nothing when topic creation is off. */
  public void ensure(String... topics) {
    if (!properties.createTopics()) {
      return;
    }
    NewTopic[] missing =
        java.util.Arrays.stream(topics)
            .filter(t -> !ensured.contains(t))
            .map(t -> new NewTopic(t, properties.partitions(), properties.replicationFactor()))
            .toArray(NewTopic[]::new);
    if (missing.length > 0) {
      admin.createOrModifyTopics(missing);
      for (NewTopic topic : missing) {
        ensured.add(topic.name());
        log.debug("Topic {} exists", topic.name());
      }
    }
  }
}
