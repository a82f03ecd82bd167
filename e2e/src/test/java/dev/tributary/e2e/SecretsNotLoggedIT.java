package dev.tributary.e2e;

import static dev.tributary.store.schema.Tables.TASKS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.contracts.MessageHeaders;
import dev.tributary.contracts.Outcome;
import dev.tributary.contracts.StepDispatch;
import dev.tributary.contracts.TaskState;
import dev.tributary.testkit.Invariants;
import dev.tributary.testkit.KafkaProbe;
import dev.tributary.testkit.TestEnvironment;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Nothing secret or from a payload is logged at INFO or above: a workflow runs with a recognisable
 * secret in the task context, in step results and checkpoints, in failure messages and in an
 * operator's resolution, with an API user whose password is recognisable too (and a request with a
 * wrong one), while every log event of the processor and scheduler is captured (see {@link
 * CapturedLogs}); none of those values may appear in any of them. A bad message whose dead-letter
 * reason quotes the secret keeps it in the dead letter, not in the logs.
 */
class SecretsNotLoggedIT {

  private static final String SECRET = "canary-s3cr3t-7f41c9";
  private static final String PASSWORD = "canary-passw0rd-2b8e";
  private static final String WRONG_PASSWORD = "canary-wr0ng-93d1";

  @Test
  void no_secret_or_payload_appears_in_logs_at_info_or_above() {
    CapturedLogs.begin();
    List<String> logs;
    TestEnvironment environment = TestEnvironment.create();
    DSLContext db = environment.database().dsl();
    try (Cluster cluster = new Cluster(environment, Clock.systemUTC())) {
      ConfigurableApplicationContext processor =
          cluster.startProcessor(
              "--tributary.security.users[1].name=canary",
              "--tributary.security.users[1].password={noop}" + PASSWORD,
              "--tributary.security.users[1].role=operator");
      cluster.startScheduler();
      RestClient http = client(processor, PASSWORD);
      // Closed in finally rather than by try-with-resources: the body never refers to it.
      SimulatedWorkers workers =
          new SimulatedWorkers(
              environment.bootstrapServers(), environment.topics(), "e2e", leakyWorkers());
      try {
        assertThat(
                client(processor, WRONG_PASSWORD)
                    .get()
                    .uri("/api/v1/tasks/" + UUID.randomUUID())
                    .retrieve()
                    .toBodilessEntity()
                    .getStatusCode()
                    .value())
            .isEqualTo(401);
        ResponseEntity<JsonNode> created =
            http.post()
                .uri("/api/v1/tasks")
                .contentType(MediaType.APPLICATION_JSON)
                .body(
                    """
                    {"schema_version": 1, "namespace": "e2e", "name": "resilient",
                     "context": {"api_key": "%s", "nested": {"password": "%s"}},
                     "idempotency_key": "%s"}
                    """
                        .formatted(SECRET, SECRET, UUID.randomUUID()))
                .retrieve()
                .toEntity(JsonNode.class);
        assertThat(created.getStatusCode().value()).isEqualTo(201);
        UUID task = UUID.fromString(created.getBody().get("task_id").asString());

        // c fails for good, with the secret in its message; an operator resolves it with one.
        Workflows.awaitState(db, List.of(task), TaskState.BLOCKED_BY_FAILURES);
        assertThat(
                http.post()
                    .uri("/api/v1/tasks/{task}/steps/c/resolve", task)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body("{\"result\": {\"token\": \"%s\"}}".formatted(SECRET))
                    .retrieve()
                    .toBodilessEntity()
                    .getStatusCode()
                    .value())
            .isEqualTo(200);
        Workflows.awaitState(db, List.of(task), TaskState.COMPLETE);
        assertThat(http.get().uri("/api/v1/tasks/{task}", task).retrieve().body(String.class))
            .contains(SECRET);
        // A bad request whose dead-letter reason quotes the secret: kept in the dead letter.
        try (KafkaProbe probe = new KafkaProbe(environment.bootstrapServers());
            KafkaProbe.TopicReader deadLetters = probe.reader(environment.topics().deadLetters())) {
          String key = "leaky-" + UUID.randomUUID();
          probe.send(
              environment.topics().taskRequests(),
              key,
              ("{\"schema_version\": 1, \"namespace\": \"e2e\", \"name\": \"resilient\","
                      + " \"priority\": \""
                      + SECRET
                      + "\"}")
                  .getBytes(StandardCharsets.UTF_8));
          assertThat(
                  deadLetters
                      .awaitRecords(records -> records.stream().anyMatch(r -> key.equals(r.key())))
                      .stream()
                      .filter(r -> key.equals(r.key()))
                      .map(r -> KafkaProbe.header(r, MessageHeaders.DEAD_LETTER_REASON)))
              .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
              .contains(SECRET);
        }
        // Let the event relay and the last signals go out, as they would.
        await()
            .pollDelay(Duration.ofMillis(500))
            .atMost(Duration.ofSeconds(5))
            .until(() -> db.fetchCount(TASKS) == 1);
      } finally {
        workers.close();
      }
    } finally {
      logs = CapturedLogs.end();
    }
    Invariants.assertAll(db);

    assertThat(logs)
        .as("the capture saw the services' logs")
        .anyMatch(line -> line.contains("Registered") && line.contains("templates at startup"));
    for (String secret : List.of(SECRET, PASSWORD, WRONG_PASSWORD)) {
      assertThat(logs).as("log events containing %s", secret).noneMatch(l -> l.contains(secret));
    }
  }

  /**
   * a fails once (retryable) with the secret in its message and a checkpoint, then succeeds with
   * the secret in its result; c fails for good with the secret in its message; b and d succeed with
   * it in their results.
   */
  private static Function<StepDispatch, List<Outcome>> leakyWorkers() {
    JsonMapper json = JsonMapper.shared();
    return dispatch -> {
      JsonNode result = json.createObjectNode().put("token", SECRET);
      return switch (dispatch.stepName()) {
        case "a" ->
            dispatch.attempt() == 1
                ? List.of(
                    new Outcome.Started(),
                    new Outcome.Checkpointed(json.createObjectNode().put("cursor", SECRET)),
                    new Outcome.Failed(
                        true, "java.io.IOException", "upstream refused key " + SECRET, null))
                : List.of(new Outcome.Started(), new Outcome.Succeeded(result));
        case "c" ->
            List.of(
                new Outcome.Failed(
                    false, "java.lang.IllegalArgumentException", "bad password " + SECRET, null));
        default -> List.of(new Outcome.Succeeded(result));
      };
    };
  }

  private static RestClient client(ConfigurableApplicationContext processor, String password) {
    return RestClient.builder()
        .baseUrl("http://localhost:" + processor.getEnvironment().getProperty("local.server.port"))
        .defaultHeaders(headers -> headers.setBasicAuth("canary", password))
        .defaultStatusHandler(status -> true, (request, response) -> {})
        .build();
  }
}
