package dev.tributary.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.contracts.TaskState;
import dev.tributary.contracts.Topics;
import dev.tributary.testkit.Invariants;
import dev.tributary.testkit.RestartableKafka;
import dev.tributary.testkit.RestartablePostgres;
import dev.tributary.testkit.TestEnvironment;
import dev.tributary.testkit.TestTopics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * Faults at exact points, in one JVM, which the chaos suite ({@link ChaosIT}, real processes killed
 * at random moments) cannot aim at: a processor dying between its statements and its commit, and
 * between its commit and its offset commit; and the API during a database outage. On a PostgreSQL
 * server and a Kafka broker of this class's own. After each, every task completes, no transition is
 * applied twice, the audit trail is consistent and the counters agree with the readiness view. The
 * number of tasks per crash is {@code tributary.faults.tasks} (a fast variant by default; the
 * reliability profile runs more).
 */
class FaultsIT {

  private static final int TASKS = Integer.getInteger("tributary.faults.tasks", 40);

  private static RestartablePostgres postgres;
  private static RestartableKafka kafka;
  private static DSLContext db;

  private TestEnvironment environment;
  private Cluster cluster;
  private SimulatedWorkers workers;

  @BeforeAll
  static void startServers() {
    postgres = new RestartablePostgres();
    kafka = new RestartableKafka();
    db = postgres.database().dsl();
  }

  @AfterAll
  static void stopServers() {
    kafka.close();
    postgres.close();
  }

  @BeforeEach
  void startCluster() {
    environment =
        new TestEnvironment(
            postgres.database(), new Topics(TestTopics.uniquePrefix()), kafka.bootstrapServers());
    // Real time: recovery from faults waits out backoffs and deadlines.
    cluster = new Cluster(environment, Clock.systemUTC());
  }

  @AfterEach
  void everyTaskFinishedAndInvariantsHold() {
    if (workers != null) {
      workers.close();
    }
    cluster.close();
    Invariants.assertAll(db);
  }

  private void startWorkers() {
    workers =
        new SimulatedWorkers(
            environment.bootstrapServers(),
            environment.topics(),
            "e2e",
            SimulatedWorkers.succeeding());
  }

  @Test
  void a_processor_killed_mid_batch_before_its_commit_loses_nothing() {
    killedMidBatch(CrashingProcessor.Moment.BEFORE_COMMIT);
  }

  @Test
  void a_processor_killed_mid_batch_after_its_commit_applies_nothing_twice() {
    killedMidBatch(CrashingProcessor.Moment.AFTER_COMMIT);
  }

  private void killedMidBatch(CrashingProcessor.Moment moment) {
    CrashingProcessor crash = new CrashingProcessor();
    ConfigurableApplicationContext doomed =
        cluster.startProcessor(Map.of("crashingProcessor", crash.provider()));
    cluster.startScheduler();
    List<UUID> tasks = Workflows.create(doomed, "resilient", TASKS);
    crash.arm(moment);
    startWorkers();

    await().atMost(Duration.ofSeconds(60)).until(crash::crashed);
    cluster.stop(doomed);
    cluster.startProcessor();

    Workflows.awaitState(db, tasks, TaskState.COMPLETE);
  }

  @Test
  void the_api_answers_503_with_retry_after_while_the_database_is_down() {
    ConfigurableApplicationContext processor = cluster.startProcessor();
    RestClient http =
        RestClient.builder()
            .baseUrl(
                "http://localhost:" + processor.getEnvironment().getProperty("local.server.port"))
            .defaultHeaders(headers -> headers.setBasicAuth(Cluster.USER, Cluster.PASSWORD))
            .defaultStatusHandler(status -> true, (request, response) -> {})
            .build();
    String request =
        "{\"schema_version\": 1, \"namespace\": \"e2e\", \"name\": \"resilient\","
            + " \"idempotency_key\": \""
            + UUID.randomUUID()
            + "\"}";

    postgres.stop();
    ResponseEntity<JsonNode> during;
    try {
      during = post(http, request);
    } finally {
      postgres.start();
    }

    assertThat(during.getStatusCode().value()).isEqualTo(503);
    assertThat(during.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
    assertThat(during.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(during.getBody().get("detail").asString()).contains("nothing was changed");
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> post(http, request).getStatusCode().value() == 201);
  }

  private static ResponseEntity<JsonNode> post(RestClient http, String body) {
    return http.post()
        .uri("/api/v1/tasks")
        .contentType(MediaType.APPLICATION_JSON)
        .body(body)
        .retrieve()
        .toEntity(JsonNode.class);
  }
}
