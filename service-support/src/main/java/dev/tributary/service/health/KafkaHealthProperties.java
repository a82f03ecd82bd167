package dev.tributary.service.health;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The broker check behind the {@code kafka} health indicator, which is part of the readiness group.
 *
 * @param timeout how long one check waits for the broker to describe the cluster before reporting
 *     the broker down; keep it below the readiness probe's timeout
 * @param cacheTimeToLive how long a check's outcome is reused, so that probes from the kubelet, a
 *     load balancer and Prometheus do not each reach the broker
 */
@Validated
@ConfigurationProperties("tributary.health.kafka")
public record KafkaHealthProperties(
    @DefaultValue(DEFAULT_TIMEOUT) Duration timeout,
    @DefaultValue(DEFAULT_CACHE_TIME_TO_LIVE) Duration cacheTimeToLive) {

  public static final String DEFAULT_TIMEOUT = "2s";
  public static final String DEFAULT_CACHE_TIME_TO_LIVE = "5s";

  public KafkaHealthProperties {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException(
          "tributary.health.kafka.timeout must be positive, was " + timeout);
    }
    if (cacheTimeToLive.isNegative()) {
      throw new IllegalArgumentException(
          "tributary.health.kafka.cache-time-to-live must not be negative, was " + cacheTimeToLive);
    }
  }
}
