package dev.tributary.service.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.testkit.TestInfrastructure;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class KafkaHealthIndicatorIT {

  private static final KafkaHealthProperties PROPERTIES =
      new KafkaHealthProperties(Duration.ofSeconds(2), Duration.ofSeconds(5));

  private final AtomicLong nanos = new AtomicLong();
  private final AtomicInteger adminsCreated = new AtomicInteger();

  @Test
  void the_shared_broker_is_up_with_its_cluster_id_and_nodes() {
    try (ClosingIndicator indicator =
        closing(indicatorFor(TestInfrastructure.kafka().bootstrapServers()))) {
      Health health = indicator.health();

      assertThat(health.getStatus()).isEqualTo(Status.UP);
      assertThat(health.getDetails()).containsKey("clusterId").containsKey("nodes");
    }
  }

  @Test
  void a_broker_nobody_listens_for_is_down_within_the_timeout() {
    try (ClosingIndicator indicator = closing(indicatorFor("127.0.0.1:1"))) {
      long started = System.nanoTime();
      Health health = indicator.health();

      assertThat(health.getStatus()).isEqualTo(Status.DOWN);
      assertThat(health.getDetails()).containsKey("error");
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }
  }

  @Test
  void an_outcome_is_reused_until_its_time_to_live_passes() {
    AtomicInteger describes = new AtomicInteger();
    try (ClosingIndicator indicator =
        closing(
            new KafkaHealthIndicator(
                counting(TestInfrastructure.kafka().bootstrapServers(), describes),
                PROPERTIES,
                nanos::get))) {
      indicator.health();
      nanos.addAndGet(Duration.ofSeconds(4).toNanos());
      indicator.health();
      assertThat(describes).hasValue(1);

      nanos.addAndGet(Duration.ofSeconds(2).toNanos());
      indicator.health();
      assertThat(describes).hasValue(2);
      assertThat(adminsCreated).as("one admin client for the life of the indicator").hasValue(1);
    }
  }

  @Test
  void an_admin_client_that_cannot_be_created_is_down_and_tried_again_next_time() {
    AtomicInteger attempts = new AtomicInteger();
    try (ClosingIndicator indicator =
        closing(
            new KafkaHealthIndicator(
                () -> {
                  attempts.incrementAndGet();
                  return Admin.create(
                      Map.of(
                          AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "no-such-host.invalid:9092"));
                },
                PROPERTIES,
                nanos::get))) {
      assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
      nanos.addAndGet(Duration.ofSeconds(6).toNanos());
      assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
      assertThat(attempts).hasValue(2);
    }
  }

  private KafkaHealthIndicator indicatorFor(String bootstrapServers) {
    return new KafkaHealthIndicator(
        () -> {
          adminsCreated.incrementAndGet();
          return Admin.create(config(bootstrapServers));
        },
        PROPERTIES,
        nanos::get);
  }

  private Supplier<Admin> counting(String bootstrapServers, AtomicInteger describes) {
    return () -> {
      adminsCreated.incrementAndGet();
      Admin admin = Admin.create(config(bootstrapServers));
      return (Admin)
          java.lang.reflect.Proxy.newProxyInstance(
              Admin.class.getClassLoader(),
              new Class<?>[] {Admin.class},
              (proxy, method, args) -> {
                if (method.getName().equals("describeCluster")) {
                  describes.incrementAndGet();
                }
                try {
                  return method.invoke(admin, args);
                } catch (java.lang.reflect.InvocationTargetException e) {
                  throw e.getCause();
                }
              });
    };
  }

  private static Map<String, Object> config(String bootstrapServers) {
    return KafkaHealthIndicator.adminConfig(
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), PROPERTIES.timeout());
  }

  /** Lets try-with-resources close the indicator's admin client. */
  private static ClosingIndicator closing(KafkaHealthIndicator indicator) {
    return new ClosingIndicator(indicator);
  }

  private record ClosingIndicator(KafkaHealthIndicator indicator) implements AutoCloseable {
    Health health() {
      return indicator.health();
    }

    @Override
    public void close() {
      indicator.destroy();
    }
  }
}
