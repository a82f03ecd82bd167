package dev.tributary.service.kafka;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Topic settings shared by the services.
 *
 * @param topicPrefix prepended to every topic name, so several installations can share a cluster;
 *     empty by default
 * @param createTopics whether the services create missing topics at startup (and dispatch topics
 *     when a template introduces a namespace); turn off where topics are managed elsewhere, e.g. as
 *     Strimzi KafkaTopic resources
 * @param partitions partitions of the topics the services create; they bound how many processor and
 *     scheduler replicas can share the work
 * @param replicationFactor replication of the topics the services create
 */
@Validated
@ConfigurationProperties("tributary.kafka")
public record KafkaTopicsProperties(
    @DefaultValue(DEFAULT_TOPIC_PREFIX) @Pattern(regexp = "[a-zA-Z0-9._-]*") String topicPrefix,
    @DefaultValue(DEFAULT_CREATE_TOPICS) boolean createTopics,
    @DefaultValue(DEFAULT_PARTITIONS) @Min(1) int partitions,
    @DefaultValue(DEFAULT_REPLICATION_FACTOR) @Min(1) short replicationFactor) {

  public static final String DEFAULT_TOPIC_PREFIX = "";
  public static final String DEFAULT_CREATE_TOPICS = "true";
  public static final String DEFAULT_PARTITIONS = "8";
  public static final String DEFAULT_REPLICATION_FACTOR = "1";
}
