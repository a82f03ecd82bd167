package dev.tributary.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.testkit.TestInfrastructure;
import dev.tributary.testkit.process.ServiceProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * docs/running.md, step by step, as a newcomer would follow it: the roles created by an
 * administrator, the processor's {@code migrate} command as the schema owner, the processor and the
 * scheduler as processes of their own configured by environment variables only (as the runtime
 * user, never migrating), their readiness, the demo's templates written out and registered over the
 * API, the sample workers as a process of their own, and a task of the sample workflow run to
 * completion over the REST API.
 */
class RecipeIT {

  private static final String OPERATOR = "operator";
  private static final String OPERATOR_PASSWORD = "operator-secret";
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final List<ServiceProcess> started = new ArrayList<>();
  private final String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  private final String prefix = "recipe-" + suffix + ".";

  @AfterEach
  void stopEverything() {
    started.reversed().forEach(ServiceProcess::close);
  }

  @Test
  void a_newcomer_following_docs_running_md_completes_a_sample_task(@TempDir Path templates)
      throws Exception {
    Roles roles = createDatabaseAndRoles();

    ServiceProcess migrate =
        start(
            builder("migrate", "tributary.processor.jar")
                .env("SPRING_DATASOURCE_URL", roles.url())
                .env("SPRING_DATASOURCE_USERNAME", roles.owner())
                .env("SPRING_DATASOURCE_PASSWORD", roles.password())
                .env("TRIBUTARY_MIGRATION_RUNTIME_ROLE", roles.runtime())
                .arguments("migrate"));
    assertThat(migrate.awaitExit(ServiceProcess.READY_TIMEOUT))
        .as("migrate's exit code:%n%s", migrate.logTail(40))
        .isZero();

    Map<String, String> shared = sharedSettings(roles);
    ServiceProcess processor = start(service("processor", "tributary.processor.jar", shared));
    ServiceProcess scheduler = start(service("scheduler", "tributary.scheduler.jar", shared));
    processor.awaitReady();
    scheduler.awaitReady();
    assertThat(get(processor.managementUrl() + "/actuator/health/liveness", false).body())
        .contains("UP");

    ServiceProcess templatesDir =
        start(demo("templates").arguments("--templates-dir=" + templates));
    assertThat(templatesDir.awaitExit(Duration.ofMinutes(1))).isZero();
    HttpResponse<String> registered =
        post(
            processor.baseUrl() + "/api/v1/templates",
            "application/yaml",
            Files.readString(templates.resolve("fulfil_order.yaml")));
    assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);

    ServiceProcess workers =
        start(
            demo("workers")
                .arguments(
                    "--workers-only",
                    "--kafka=" + TestInfrastructure.kafka().bootstrapServers(),
                    "--topic-prefix=" + prefix));

    HttpResponse<String> created =
        post(
            processor.baseUrl() + "/api/v1/tasks",
            "application/json",
            """
            {"schema_version":1,"namespace":"demo","name":"fulfil_order",
             "context":{"order_id":"ORD-1","items":25,"express":true,"flaky_payment":false}}
            """);
    assertThat(created.statusCode()).as(created.body()).isBetween(200, 201);
    String taskId = JSON.readTree(created.body()).path("task_id").asString();

    JsonNode task =
        await("task " + taskId + " complete")
            .atMost(Duration.ofMinutes(2))
            .pollInterval(Duration.ofMillis(500))
            .until(
                () ->
                    JSON.readTree(
                        get(processor.baseUrl() + "/api/v1/tasks/" + taskId, true).body()),
                t -> t.path("state").asString().equals("complete"));
    assertThat(task.path("steps"))
        .isNotEmpty()
        .allSatisfy(step -> assertThat(step.path("state").asString()).isEqualTo("complete"));

    assertThat(workers.stop()).as("the workers stop gracefully on SIGTERM").isZero();
    assertDocumented(shared);
  }

  /** Step 2, as the administrator: a database, its owner, the runtime role and its user. */
  private Roles createDatabaseAndRoles() throws SQLException {
    Roles roles;
    try (Connection admin = TestInfrastructure.postgres().adminConnection();
        Statement statement = admin.createStatement()) {
      String url = admin.getMetaData().getURL();
      roles =
          new Roles(
              url.substring(0, url.lastIndexOf('/') + 1) + "recipe_" + suffix,
              "recipe_owner_" + suffix,
              "recipe_runtime_" + suffix,
              "recipe_app_" + suffix,
              "recipe-secret");
      statement.execute(
          "CREATE ROLE " + roles.owner() + " LOGIN PASSWORD '" + roles.password() + "'");
      statement.execute("CREATE DATABASE recipe_" + suffix + " OWNER " + roles.owner());
      statement.execute("CREATE ROLE " + roles.runtime() + " NOLOGIN");
      statement.execute(
          "CREATE ROLE "
              + roles.app()
              + " LOGIN PASSWORD '"
              + roles.password()
              + "' IN ROLE "
              + roles.runtime());
    }
    return roles;
  }

  /** Step 4's tributary.env: the runtime user, no migrations, Kafka, one operator. */
  private Map<String, String> sharedSettings(Roles roles) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("SPRING_DATASOURCE_URL", roles.url());
    settings.put("SPRING_DATASOURCE_USERNAME", roles.app());
    settings.put("SPRING_DATASOURCE_PASSWORD", roles.password());
    settings.put("SPRING_FLYWAY_ENABLED", "false");
    settings.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", TestInfrastructure.kafka().bootstrapServers());
    settings.put("TRIBUTARY_KAFKA_REPLICATION_FACTOR", "1");
    settings.put("TRIBUTARY_KAFKA_TOPIC_PREFIX", prefix);
    settings.put("TRIBUTARY_SECURITY_USERS_0_NAME", OPERATOR);
    settings.put("TRIBUTARY_SECURITY_USERS_0_PASSWORD", "{noop}" + OPERATOR_PASSWORD);
    settings.put("TRIBUTARY_SECURITY_USERS_0_ROLE", "operator");
    return settings;
  }

  /** Every variable the services were given is one docs/running.md tells the reader about. */
  private static void assertDocumented(Map<String, String> settings) throws IOException {
    String recipe = Files.readString(Path.of("../docs/running.md"));
    assertThat(settings.keySet())
        .allSatisfy(variable -> assertThat(recipe).as(variable).contains(variable));
    assertThat(recipe)
        .contains(
            "TRIBUTARY_MIGRATION_RUNTIME_ROLE", "--templates-dir", "--workers-only", "migrate");
  }

  private ServiceProcess.Builder service(
      String name, String jarProperty, Map<String, String> shared) {
    ServiceProcess.Builder builder = builder(name, jarProperty);
    shared.forEach(builder::env);
    return builder;
  }

  private ServiceProcess.Builder demo(String name) {
    return ServiceProcess.builder(name, ServiceProcess.jar("tributary.demo.jar"));
  }

  private static ServiceProcess.Builder builder(String name, String jarProperty) {
    return ServiceProcess.builder(name, ServiceProcess.jar(jarProperty));
  }

  private ServiceProcess start(ServiceProcess.Builder builder) {
    ServiceProcess process = builder.start();
    started.add(process);
    return process;
  }

  private static HttpResponse<String> post(String url, String type, String body)
      throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Authorization", basic())
            .header("Content-Type", type)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(String url, boolean authenticated)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
    if (authenticated) {
      request.header("Authorization", basic());
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String basic() {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((OPERATOR + ":" + OPERATOR_PASSWORD).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * What the administrator created.
   *
   * @param url the new database's JDBC URL
   * @param owner the schema owner, who migrates
   * @param runtime the NOLOGIN role the migrations grant row access to
   * @param app the services' user, a member of it
   * @param password the two users' password
   */
  private record Roles(String url, String owner, String runtime, String app, String password) {}
}
