package dev.tributary.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.contracts.TaskState;
import dev.tributary.testkit.TestEnvironment;
import dev.tributary.testkit.observability.ShippedQueries;
import dev.tributary.worker.StepContext;
import dev.tributary.worker.StepFailure;
import dev.tributary.worker.TributaryHandler;
import dev.tributary.worker.internal.spring.TributaryWorkerAutoConfiguration;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.client.RestClient;

/**
 * The dashboard and alerts shipped in deploy/ query only metrics that exist: every metric name in
 * their PromQL is on a Prometheus scrape of the running processor and scheduler (their
 * /actuator/prometheus) or of a Spring Boot worker's registry, after a workload that makes each
 * appear (a task completes, one is blocked by a permanent failure, a result is dead-lettered).
 */
class ShippedQueriesIT {

  private static final Path DEPLOY = Path.of("..", "deploy");
  private static final TestEnvironment environment = TestEnvironment.create();
  private static Cluster cluster;
  private static ConfigurableApplicationContext processor;
  private static ConfigurableApplicationContext scheduler;

  @BeforeAll
  static void start() {
    // The system clock: the worker checks dispatch deadlines against its own.
    cluster = new Cluster(environment, Clock.systemUTC());
    processor = cluster.startProcessor();
    scheduler = cluster.startScheduler();
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @Test
  void every_metric_the_dashboard_and_the_alerts_query_is_on_a_scrape() {
    assertThat(DEPLOY.resolve(ShippedQueries.DASHBOARD)).as("run from the e2e module").exists();
    Set<String> queried = ShippedQueries.load(DEPLOY).allMetricNames();
    assertThat(queried).hasSizeGreaterThan(15);
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(TributaryWorkerAutoConfiguration.class))
        .withUserConfiguration(Worker.class)
        .withPropertyValues(
            "spring.kafka.bootstrap-servers=" + environment.bootstrapServers(),
            "tributary.kafka.topic-prefix=" + environment.topics().prefix(),
            "tributary.worker.group-id=metrics-workers")
        .run(
            worker -> {
              UUID completes = Workflows.create(processor, "diamond", 1).getFirst();
              UUID blocked = Workflows.create(processor, "once", 1).getFirst();
              sendUnreadableResult();
              Workflows.awaitState(
                  environment.database().dsl(), List.of(completes), TaskState.COMPLETE);
              Workflows.awaitState(
                  environment.database().dsl(), List.of(blocked), TaskState.BLOCKED_BY_FAILURES);

              PrometheusMeterRegistry workerMetrics = worker.getBean(PrometheusMeterRegistry.class);
              await()
                  .atMost(Duration.ofSeconds(30))
                  .untilAsserted(
                      () -> {
                        Set<String> scraped = new HashSet<>();
                        scraped.addAll(names(scrape(processor)));
                        scraped.addAll(names(scrape(scheduler)));
                        scraped.addAll(names(workerMetrics.scrape()));
                        assertThat(scraped).as("metrics on the scrapes").containsAll(queried);
                      });
            });
  }

  /** A result no one can read: the processor dead-letters it. */
  private static void sendUnreadableResult() throws Exception {
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, environment.bootstrapServers()),
            new StringSerializer(),
            new ByteArraySerializer())) {
      producer
          .send(
              new ProducerRecord<>(
                  environment.topics().stepResults(),
                  UUID.randomUUID().toString(),
                  "not json".getBytes(StandardCharsets.UTF_8)))
          .get();
    }
  }

  private static String scrape(ConfigurableApplicationContext service) {
    return RestClient.builder()
        .baseUrl("http://localhost:" + service.getEnvironment().getProperty("local.server.port"))
        .defaultHeaders(headers -> headers.setBasicAuth(Cluster.USER, Cluster.PASSWORD))
        .build()
        .get()
        .uri("/actuator/prometheus")
        .retrieve()
        .body(String.class);
  }

  /** The metric names of a scrape in the Prometheus text format: each sample's name. */
  static Set<String> names(String exposition) {
    Set<String> names = new HashSet<>();
    exposition
        .lines()
        .filter(line -> !line.isBlank() && !line.startsWith("#"))
        .forEach(line -> names.add(line.split("[{ ]", 2)[0]));
    return names;
  }

  /** A Spring Boot worker with Prometheus metrics: the diamond's steps succeed, "call" fails. */
  static class Worker {

    @Bean
    PrometheusMeterRegistry prometheusMeterRegistry() {
      return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }

    @Bean
    Handlers handlers() {
      return new Handlers();
    }
  }

  static class Handlers {

    @TributaryHandler(namespace = "e2e", handler = "a")
    void a(StepContext context) {}

    @TributaryHandler(namespace = "e2e", handler = "b")
    void b(StepContext context) {}

    @TributaryHandler(namespace = "e2e", handler = "c")
    void c(StepContext context) {}

    @TributaryHandler(namespace = "e2e", handler = "d")
    void d(StepContext context) {}

    @TributaryHandler(namespace = "e2e", handler = "call")
    void call(StepContext context) {
      throw StepFailure.permanent("the test's permanent failure");
    }
  }

  static {
    // Fails fast with a clear message rather than with an empty set of queries.
    if (!Files.isDirectory(DEPLOY)) {
      throw new IllegalStateException("deploy/ not found from " + Path.of("").toAbsolutePath());
    }
  }
}
