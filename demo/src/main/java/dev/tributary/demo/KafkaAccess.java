package dev.tributary.demo;

import dev.tributary.contracts.Topics;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * How every Kafka client of the demo (the services', the sample workers', the task submitter's)
 * reaches the broker: the embedded one's or an external cluster.
 *
 * @param bootstrapServers the brokers to connect to
 * @param clientProperties extra client settings for every client, e.g. {@code security.protocol};
 *     their values may be secrets ({@code sasl.jaas.config}), so only their names are ever shown
 * @param topicPrefix prepended to every topic name and consumer group; empty for none
 */
record KafkaAccess(
    String bootstrapServers, Map<String, String> clientProperties, String topicPrefix) {

  KafkaAccess {
    clientProperties = Map.copyOf(clientProperties);
  }

  /** The embedded broker's: no client settings, no prefix unless one was asked for. */
  static KafkaAccess plain(String bootstrapServers, String topicPrefix) {
    return new KafkaAccess(bootstrapServers, Map.of(), topicPrefix);
  }

  /** The topic names, with the prefix. */
  Topics topics() {
    return new Topics(topicPrefix);
  }

  /**
   * A consumer group's name with the prefix: two demos sharing a cluster under different prefixes
   * share no group either.
   */
  String groupId(String name) {
    return topicPrefix + name;
  }

  /** The configuration of a plain client: the client settings, then the bootstrap servers. */
  Map<String, Object> clientConfig() {
    Map<String, Object> config = new HashMap<>(clientProperties);
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return config;
  }

  /** The names of the client settings, sorted, for showing; never their values. */
  String settingNames() {
    return String.join(", ", new TreeMap<>(clientProperties).keySet());
  }

  @Override
  public String toString() {
    return "KafkaAccess[bootstrapServers="
        + bootstrapServers
        + ", clientProperties=["
        + settingNames()
        + "], topicPrefix="
        + topicPrefix
        + "]";
  }
}
