package dev.tributary.worker.internal.spring;

import dev.tributary.worker.WorkerOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code tributary.worker.*} properties. Unset ones take the {@link WorkerOptions} defaults or
 * the fallbacks named here.
 *
 * @param enabled whether the auto-configuration runs a worker; {@code true} by default
 * @param bootstrapServers the Kafka brokers; {@code spring.kafka.bootstrap-servers} when unset
 * @param groupId the consumer group shared by this kind of worker; {@code
 *     spring.kafka.consumer.group-id} when unset; required
 * @param topicPrefix the topic prefix, as the scheduler's; {@code tributary.kafka.topic-prefix}
 *     when unset, else empty
 * @param concurrency the most steps run at once; {@value WorkerOptions#DEFAULT_CONCURRENCY} by
 *     default
 * @param shutdownGracePeriod how long running steps get to finish on shutdown; {@value
 *     WorkerOptions#DEFAULT_SHUTDOWN_GRACE_PERIOD_SECONDS} seconds by default
 * @param clientId the Kafka client id; Kafka picks one when unset
 * @param workerId the name reported in results; the host name and process id by default
 * @param kafka extra Kafka client properties for consumer and producer, e.g. security settings
 */
@ConfigurationProperties(WorkerProperties.PREFIX)
record WorkerProperties(
    @DefaultValue("true") boolean enabled,
    @Nullable List<String> bootstrapServers,
    @Nullable String groupId,
    @Nullable String topicPrefix,
    @Nullable Integer concurrency,
    @Nullable Duration shutdownGracePeriod,
    @Nullable String clientId,
    @Nullable String workerId,
    @Nullable Map<String, String> kafka) {

  static final String PREFIX = "tributary.worker";
}
