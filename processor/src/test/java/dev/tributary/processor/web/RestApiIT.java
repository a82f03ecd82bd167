package dev.tributary.processor.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.contracts.NulCharacter;
import dev.tributary.contracts.TaskRequest;
import dev.tributary.processor.ProcessorIntegration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class RestApiIT extends ProcessorIntegration {

  @LocalServerPort int port;

  private RestClient http;

  @BeforeEach
  void client() {
    http =
        RestClient.builder()
            .baseUrl("http://localhost:" + port)
            .defaultHeaders(headers -> headers.setBasicAuth(OPERATOR, PASSWORD))
            .defaultStatusHandler(status -> true, (request, response) -> {})
            .build();
    ResponseEntity<JsonNode> registered =
        post(
            "/api/v1/templates",
            "application/yaml",
            """
            namespace: api
            name: pair
            version: "1"
            steps:
              - name: first
              - name: second
                depends_on: [first]
            """);
    assertThat(registered.getStatusCode().value()).isEqualTo(200);
    assertThat(registered.getBody().get("reference").asString()).isEqualTo("api/pair@1");
  }

  @Test
  void a_created_task_can_be_read_with_its_steps_states_and_counters() {
    String key = "api-" + UUID.randomUUID();
    String request =
        """
        {"schema_version": 1, "namespace": "api", "name": "pair",
         "context": {"customer": 42}, "correlation_id": "%s", "idempotency_key": "%s"}
        """
            .formatted(key, key);

    ResponseEntity<JsonNode> created = post("/api/v1/tasks", "application/json", request);
    ResponseEntity<JsonNode> again = post("/api/v1/tasks", "application/json", request);

    assertThat(created.getStatusCode().value()).isEqualTo(201);
    String taskId = created.getBody().get("task_id").asString();
    assertThat(created.getHeaders().getLocation()).hasToString("/api/v1/tasks/" + taskId);
    assertThat(again.getStatusCode().value()).isEqualTo(200);
    assertThat(again.getBody().get("task_id").asString()).isEqualTo(taskId);
    assertThat(again.getBody().get("created").asBoolean()).isFalse();

    JsonNode task = get("/api/v1/tasks/" + taskId).getBody();
    assertThat(task.get("state").asString()).isEqualTo("pending");
    assertThat(task.get("context").get("customer").asInt()).isEqualTo(42);
    assertThat(task.get("correlation_id").asString()).isEqualTo(key);
    assertThat(task.get("steps")).hasSize(2);
    assertThat(task.get("steps").get(0).get("name").asString()).isEqualTo("first");
    assertThat(task.get("steps").get(0).get("unmet_dependencies").asInt()).isZero();
    assertThat(task.get("steps").get(1).get("unmet_dependencies").asInt()).isEqualTo(1);
    assertThat(task.get("steps").get(1).get("state").asString()).isEqualTo("pending");
  }

  @Test
  void malformed_json_is_a_400_problem_with_the_reason() {
    ResponseEntity<JsonNode> response =
        post("/api/v1/tasks", "application/json", "{\"namespace\":");

    assertProblem(response, 400, "malformed JSON");
  }

  @Test
  void a_missing_field_is_a_400_problem_naming_the_field() {
    ResponseEntity<JsonNode> response =
        post(
            "/api/v1/tasks", "application/json", "{\"schema_version\": 1, \"namespace\": \"api\"}");

    assertProblem(response, 400, "invalid TaskRequest: name is required");
  }

  @Test
  void an_unknown_template_is_a_422_problem() {
    ResponseEntity<JsonNode> response =
        post(
            "/api/v1/tasks",
            "application/json",
            "{\"schema_version\": 1, \"namespace\": \"api\", \"name\": \"nope\"}");

    assertProblem(response, 422, "unknown template api/nope (any version)");
  }

  @Test
  void an_unknown_task_is_a_404_problem() {
    assertProblem(get("/api/v1/tasks/" + UUID.randomUUID()), 404, "does not exist");
  }

  @Test
  void an_invalid_template_is_a_422_problem_listing_every_problem() {
    ResponseEntity<JsonNode> response =
        post(
            "/api/v1/templates",
            "application/yaml",
            """
            namespace: api
            name: broken
            version: "1"
            steps:
              - name: a
                depends_on: [ghost]
              - name: a
            """);

    assertProblem(response, 422, "depends on unknown step 'ghost'");
    assertThat(response.getBody().get("problems")).hasSize(2);
  }

  @Test
  void registering_other_content_under_an_existing_version_is_a_409_problem() {
    ResponseEntity<JsonNode> response =
        post(
            "/api/v1/templates",
            "application/yaml",
            """
            namespace: api
            name: pair
            version: "1"
            steps:
              - name: only
            """);

    assertProblem(response, 409, "already registered with different content");
  }

  @Test
  void a_request_holding_U0000_is_a_400_problem_naming_the_field() {
    ResponseEntity<JsonNode> response =
        post(
            "/api/v1/tasks",
            "application/json",
            "{\"schema_version\": 1, \"namespace\": \"api\", \"name\": \"pair\","
                + " \"context\": {\"note\": [\"a\\u0000\"]}}");

    assertProblem(
        response,
        400,
        "invalid TaskRequest: context.note[0] contains U+0000: " + NulCharacter.RULE);
  }

  @Test
  void a_request_whose_context_no_dispatch_could_carry_is_a_422_problem_stating_the_limit() {
    String blob = "x".repeat(TaskRequest.MAX_CONTEXT_BYTES);
    ResponseEntity<JsonNode> response =
        post(
            "/api/v1/tasks",
            "application/json",
            "{\"schema_version\": 1, \"namespace\": \"api\", \"name\": \"pair\","
                + " \"context\": {\"blob\": \""
                + blob
                + "\"}}");

    assertProblem(
        response, 422, "exceeds the limit of " + TaskRequest.MAX_CONTEXT_BYTES + " bytes");
  }

  @Test
  void a_body_that_is_json_null_is_a_400_problem() {
    assertProblem(
        post("/api/v1/tasks", "application/json", "null"), 400, "the message is JSON null");
  }

  @Test
  void an_idempotency_key_header_makes_a_retried_request_create_one_task() {
    String key = "header-" + UUID.randomUUID();
    String request = "{\"schema_version\": 1, \"namespace\": \"api\", \"name\": \"pair\"}";

    ResponseEntity<JsonNode> created = postWithKey("/api/v1/tasks", request, key);
    ResponseEntity<JsonNode> again = postWithKey("/api/v1/tasks", request, key);
    ResponseEntity<JsonNode> other = postWithKey("/api/v1/tasks", request, key + "-other");
    ResponseEntity<JsonNode> conflicting =
        postWithKey(
            "/api/v1/tasks",
            "{\"schema_version\": 1, \"namespace\": \"api\", \"name\": \"pair\","
                + " \"idempotency_key\": \"body\"}",
            key);

    assertThat(created.getStatusCode().value()).isEqualTo(201);
    assertThat(again.getStatusCode().value()).isEqualTo(200);
    assertThat(again.getBody().get("task_id")).isEqualTo(created.getBody().get("task_id"));
    assertThat(other.getStatusCode().value()).isEqualTo(201);
    assertProblem(conflicting, 400, "Idempotency-Key header and the request's idempotency_key");
  }

  private ResponseEntity<JsonNode> postWithKey(String path, String json, String idempotencyKey) {
    return http.post()
        .uri(path)
        .contentType(MediaType.APPLICATION_JSON)
        .header("Idempotency-Key", idempotencyKey)
        .body(json)
        .retrieve()
        .toEntity(JsonNode.class);
  }

  private static void assertProblem(ResponseEntity<JsonNode> response, int status, String detail) {
    assertThat(response.getStatusCode().value()).isEqualTo(status);
    assertThat(response.getHeaders().getContentType())
        .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(response.getBody().get("status").asInt()).isEqualTo(status);
    assertThat(response.getBody().get("detail").asString()).contains(detail);
    assertThat(response.getBody().get("type").asString()).startsWith("urn:tributary:problem:");
  }

  private ResponseEntity<JsonNode> post(String path, String contentType, String body) {
    return http.post()
        .uri(path)
        .contentType(MediaType.parseMediaType(contentType))
        .body(body)
        .retrieve()
        .toEntity(JsonNode.class);
  }

  private ResponseEntity<JsonNode> get(String path) {
    return http.get().uri(path).retrieve().toEntity(JsonNode.class);
  }

  static JsonNode json(String text) {
    return JsonMapper.shared().readTree(text);
  }
}
