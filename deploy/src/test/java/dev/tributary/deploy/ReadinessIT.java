package dev.tributary.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.processor.ProcessorApplication;
import dev.tributary.scheduler.SchedulerApplication;
import dev.tributary.store.Migrations;
import dev.tributary.testkit.TestInfrastructure;
import dev.tributary.testkit.TestTopics;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Starts a service with the environment the dev overlay gives its pod, as environment variables (so
 * relaxed binding applies as in the cluster), against a PostgreSQL of its own and the shared test
 * broker. Only what points at the cluster is replaced: the database's and the broker's addresses,
 * the ports (any free one) and the topic prefix (isolation from other tests). The service connects
 * as the dev overlay's runtime user, a member of the runtime role the migrations created. Readiness
 * must go up, then down once the database is gone, while liveness stays up. The metrics, on the
 * same management port, answer only a user: the login the dev overlay gives Prometheus.
 */
class ReadinessIT {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @ParameterizedTest
  @ValueSource(strings = {"processor", "scheduler"})
  void readiness_follows_the_database_and_liveness_does_not(String service) throws Exception {
    RenderedOverlay dev = RenderedOverlay.render(DeployFiles.overlay("dev"));
    PodTemplateSpec pod =
        dev.named(Deployment.class, "tributary-" + service).getSpec().getTemplate();
    Map<String, String> environment = dev.environment(pod, service);

    EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
    boolean stopped = false;
    try {
      prepare(postgres, environment);
      try (ConfigurableApplicationContext context = start(service, environment, postgres)) {
        String management =
            "http://localhost:" + context.getEnvironment().getProperty("local.management.port");

        await("readiness up")
            .atMost(Duration.ofSeconds(60))
            .untilAsserted(
                () -> assertThat(status(management + "/actuator/health/readiness")).isEqualTo(200));
        assertThat(status(management + "/actuator/health/liveness")).isEqualTo(200);
        Map<String, String> prometheus = dev.generatedSecret("tributary-metrics").orElseThrow();
        assertThat(status(management + "/actuator/prometheus"))
            .as("the metrics need a user")
            .isEqualTo(401);
        assertThat(
                status(
                    management + "/actuator/prometheus",
                    prometheus.get("username") + ":" + prometheus.get("password")))
            .as("Prometheus logs in as its ServiceMonitor says, with the dev overlay's Secret")
            .isEqualTo(200);

        postgres.close();
        stopped = true;

        await("readiness down without the database")
            .atMost(Duration.ofSeconds(60))
            .untilAsserted(
                () -> assertThat(status(management + "/actuator/health/readiness")).isEqualTo(503));
        assertThat(status(management + "/actuator/health/liveness"))
            .as("liveness never depends on the database: an outage must not restart every pod")
            .isEqualTo(200);
      }
    } finally {
      if (!stopped) {
        postgres.close();
      }
    }
  }

  /**
   * Migrates as the superuser (the schema owner here), then creates the dev overlay's runtime user
   * as a LOGIN member of the runtime role, which is all the services get.
   */
  private static void prepare(EmbeddedPostgres postgres, Map<String, String> environment)
      throws Exception {
    Flyway.configure()
        .dataSource(postgres.getPostgresDatabase())
        .placeholders(Migrations.defaultPlaceholders())
        .load()
        .migrate();
    String user = environment.get("SPRING_DATASOURCE_USERNAME");
    String password = environment.get("SPRING_DATASOURCE_PASSWORD");
    assertThat(user).doesNotStartWith("<secret");
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE ROLE \""
              + user
              + "\" LOGIN PASSWORD '"
              + password.replace("'", "''")
              + "' IN ROLE "
              + Migrations.DEFAULT_RUNTIME_ROLE);
    }
  }

  private static ConfigurableApplicationContext start(
      String service, Map<String, String> environment, EmbeddedPostgres postgres) {
    StandardEnvironment springEnvironment = new StandardEnvironment();
    // The pod's variables, as the process environment would hold them, above application.yaml.
    springEnvironment
        .getPropertySources()
        .addAfter(
            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
            new SystemEnvironmentPropertySource(
                "pod-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new LinkedHashMap<>(environment)));
    Class<?> application =
        service.equals("processor") ? ProcessorApplication.class : SchedulerApplication.class;
    List<String> overrides =
        List.of(
            "--spring.datasource.url="
                + postgres.getJdbcUrl("postgres", "postgres").replaceAll("[?].*$", ""),
            "--spring.kafka.bootstrap-servers=" + TestInfrastructure.kafka().bootstrapServers(),
            "--tributary.kafka.topic-prefix=" + TestTopics.uniquePrefix(),
            "--server.port=0",
            "--management.server.port=0");
    return new SpringApplicationBuilder(application)
        .environment(springEnvironment)
        .run(overrides.toArray(String[]::new));
  }

  private static int status(String url) throws IOException, InterruptedException {
    return status(HttpRequest.newBuilder(URI.create(url)));
  }

  private static int status(String url, String credentials)
      throws IOException, InterruptedException {
    String basic = Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    return status(
        HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Basic " + basic));
  }

  private static int status(HttpRequest.Builder request) throws IOException, InterruptedException {
    return HTTP.send(
            request.timeout(Duration.ofSeconds(10)).GET().build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
