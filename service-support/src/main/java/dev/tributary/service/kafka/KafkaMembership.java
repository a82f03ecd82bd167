package dev.tributary.service.kafka;

import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How a service instance joins its consumer groups.
 *
 * @param instanceId a name that stays the same when this instance restarts (in Kubernetes, the pod
 *     name, which a restarted container keeps): with it, each listener joins as a static member
 *     ({@code group.instance.id} = this name and the listener's id), and an instance that crashed
 *     and came back takes its partitions again without a rebalance. Unset by default (dynamic
 *     membership). Two live instances must never share one
 */
@Validated
@ConfigurationProperties("tributary.kafka")
public record KafkaMembership(@Nullable @Pattern(regexp = "[a-zA-Z0-9._-]+") String instanceId) {}
