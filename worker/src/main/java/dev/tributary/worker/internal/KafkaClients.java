package dev.tributary.worker.internal;

import dev.tributary.worker.WorkerOptions;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The Kafka client configurations a worker's guarantees rest on. */
final class KafkaClients {

  private KafkaClients() {}

  /**
   * Offsets are committed by the worker, only for answered dispatches. A new group starts at the
   * earliest dispatch: steps dispatched before the first worker joined still need running. Only
   * committed dispatches are read, so a scheduler that sends in transactions never has an aborted
   * dispatch run. A dead worker's partitions move after 10 s, incrementally. (The application may
   * override these.)
   */
  static Map<String, Object> consumer(WorkerOptions options) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    // A worker that died is noticed in 10 s, and only its partitions move to the others.
    config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
    config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
    config.put(
        ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
        CooperativeStickyAssignor.class.getName());
    config.putAll(options.kafkaProperties());
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
    config.put(ConsumerConfig.GROUP_ID_CONFIG, options.groupId());
    options.clientId().ifPresent(id -> config.put(CommonClientConfigs.CLIENT_ID_CONFIG, id));
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    // One slot's worth of dispatches per poll; while every slot is busy the loop reads ahead until
    // a slot's worth waits, then pauses: back-pressure, not a buffer.
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, options.concurrency());
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return config;
  }

  /** Idempotent, acknowledged by all in-sync replicas: no result lost, none duplicated by it. */
  static Map<String, Object> producer(WorkerOptions options) {
    Map<String, Object> config = new HashMap<>(options.kafkaProperties());
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
    options.clientId().ifPresent(id -> config.put(CommonClientConfigs.CLIENT_ID_CONFIG, id));
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return config;
  }
}
