package dev.tributary.service.health;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Node;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Up when the broker describes its cluster within the timeout. One admin client is kept for the
 * life of the service (created on the first check, re-created after it could not be); the outcome
 * of a check is reused for {@link KafkaHealthProperties#cacheTimeToLive()}, so that a probe storm
 * costs the broker one request. Spring Boot 4 has no Kafka health indicator of its own.
 */
public final class KafkaHealthIndicator implements HealthIndicator, DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(KafkaHealthIndicator.class);

  private final Supplier<Admin> adminFactory;
  private final Duration timeout;
  private final long cacheNanos;
  private final LongSupplier nanoTime;
  private final Object lock = new Object();
  private @Nullable Admin admin;
  private @Nullable Checked last;

  /**
   * @param adminFactory creates the admin client; called again after a failed creation
   * @param properties the timeout and the cache's time to live
   * @param nanoTime a monotonic clock in nanoseconds ({@code System::nanoTime}); a business clock
   *     would stop the cache from expiring in tests that freeze time
   */
  public KafkaHealthIndicator(
      Supplier<Admin> adminFactory, KafkaHealthProperties properties, LongSupplier nanoTime) {
    this.adminFactory = adminFactory;
    this.timeout = properties.timeout();
    this.cacheNanos = properties.cacheTimeToLive().toNanos();
    this.nanoTime = nanoTime;
  }

  /** Admin client settings for health checks from the service's admin settings. */
  public static Map<String, Object> adminConfig(Map<String, Object> base, Duration timeout) {
    Map<String, Object> config = new java.util.HashMap<>(base);
    int millis = Math.toIntExact(timeout.toMillis());
    config.put(AdminClientConfig.CLIENT_ID_CONFIG, "tributary-health");
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
    return config;
  }

  @Override
  public Health health() {
    synchronized (lock) {
      long now = nanoTime.getAsLong();
      Checked cached = last;
      if (cached != null && now - cached.at() < cacheNanos) {
        return cached.health();
      }
      Health health = check();
      last = new Checked(health, nanoTime.getAsLong());
      return health;
    }
  }

  private Health check() {
    try {
      DescribeClusterResult cluster =
          admin()
              .describeCluster(
                  new DescribeClusterOptions().timeoutMs(Math.toIntExact(timeout.toMillis())));
      String clusterId = cluster.clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      Collection<Node> nodes = cluster.nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return Health.up()
          .withDetail("clusterId", String.valueOf(clusterId))
          .withDetail("nodes", nodes.size())
          .build();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return down(e);
    } catch (ExecutionException e) {
      return down(e.getCause() == null ? e : e.getCause());
    } catch (TimeoutException | KafkaException e) {
      return down(e);
    }
  }

  private Health down(Throwable failure) {
    log.debug("Kafka health check failed: {}", failure.toString());
    return Health.down().withDetail("error", failure.toString()).build();
  }

  private Admin admin() {
    Admin current = admin;
    if (current == null) {
      current = adminFactory.get();
      admin = current;
    }
    return current;
  }

  @Override
  public void destroy() {
    synchronized (lock) {
      Admin current = admin;
      admin = null;
      if (current != null) {
        current.close(Duration.ofSeconds(1));
      }
    }
  }

  private record Checked(Health health, long at) {}
}
