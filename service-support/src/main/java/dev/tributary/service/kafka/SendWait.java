package dev.tributary.service.kafka;

import java.time.Duration;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.kafka.core.ProducerFactory;

/**
 * How long the services wait for the broker to acknowledge a send: the producer's own delivery
 * timeout and a margin. Waiting less would report as failed a send the producer is still retrying,
 * which may yet arrive (a dispatch run twice, an event published after a rollback was assumed).
 */
public final class SendWait {

  /** Kafka's default {@code delivery.timeout.ms}. */
  static final long DEFAULT_DELIVERY_TIMEOUT_MS = 120_000;

  /** Time for the producer to report the timeout after it gave up. */
  static final Duration MARGIN = Duration.ofSeconds(5);

  private SendWait() {}

  /** The wait for sends of producers from this factory. */
  public static Duration of(ProducerFactory<?, ?> producers) {
    Object configured =
        producers.getConfigurationProperties().get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG);
    long deliveryMs =
        configured == null ? DEFAULT_DELIVERY_TIMEOUT_MS : Long.parseLong(configured.toString());
    return Duration.ofMillis(deliveryMs).plus(MARGIN);
  }
}
