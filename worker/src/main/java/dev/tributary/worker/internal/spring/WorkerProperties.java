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
 * the fallbacks named here. The Javadoc of each is its description in the configuration metadata.
 *
 * @param enabled Whether to run a worker for the @TributaryHandler methods.
 * @param bootstrapServers The Kafka brokers. Falls back to spring.kafka.bootstrap-servers.
 * @param groupId The consumer group shared by the instances of this kind of worker. Falls back to
 *     spring.kafka.consumer.group-id; required.
 * @param topicPrefix The topic prefix, the same as the scheduler's. Falls back to
 *     tributary.kafka.topic-prefix, else empty.
 * @param concurrency The most steps run at once; the consumer pauses while all are busy.
 * @param shutdownGracePeriod How long running steps get to finish on shutdown before they are given
 *     back for redelivery.
 * @param clientId The Kafka client id. Kafka picks one when unset.
 * @param workerId The name reported in step results. The host name (pod name) and process id by
 *     default.
 * @param kafka Extra Kafka client properties for consumer and producer, e.g. security settings;
 *     none by default. Properties the worker relies on (group.id, enable.auto.commit, acks,
 *     enable.idempotence, max.poll.records, serializers) are rejected.
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
