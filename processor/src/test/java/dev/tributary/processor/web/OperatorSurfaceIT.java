package dev.tributary.processor.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.processor.ProcessorIntegration;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * What an operator finds and does through the API: tasks by search, a task's graph, steps, a step's
 * readiness and history, a template's content; dead letters listed and replayed; and the API's
 * strictness (unknown parameters, stable problem types, cross-site requests).
 */
class OperatorSurfaceIT extends ProcessorIntegration {

  @LocalServerPort int port;

  private RestClient operator;
  private RestClient reader;
  private final String namespace = "ops" + UUID.randomUUID().toString().substring(0, 8);

  @BeforeEach
  void setUp() {
    operator = client(OPERATOR);
    reader = client(READER);
    ResponseEntity<JsonNode> registered =
        send(
            operator
                .post()
                .uri("/api/v1/templates")
                .contentType(MediaType.parseMediaType("application/yaml"))
                .body(
                    """
                namespace: %s
                name: pair
                version: "1"
                steps:
                  - name: first
                  - name: second
                    depends_on: [first]
                """
                        .formatted(namespace)));
    assertThat(registered.getStatusCode().value()).isEqualTo(200);
  }

  @Test
  void tasks_are_found_by_correlation_id_state_and_template_in_pages() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(create("find-" + namespace + "-" + (i % 2)));
    }
    JsonNode byCorrelation =
        get(reader, "/api/v1/tasks?correlation_id=find-" + namespace + "-1").getBody();
    assertThat(byCorrelation.get("tasks")).hasSize(2);
    assertThat(byCorrelation.get("tasks").get(0).get("id").asString()).isEqualTo(ids.get(3));
    assertThat(byCorrelation.get("tasks").get(0).get("namespace").asString()).isEqualTo(namespace);

    List<String> paged = new ArrayList<>();
    String cursor = null;
    do {
      JsonNode page =
          get(
                  reader,
                  "/api/v1/tasks?namespace="
                      + namespace
                      + "&template=pair&state=pending&limit=2"
                      + (cursor == null ? "" : "&cursor=" + cursor))
              .getBody();
      page.get("tasks").forEach(t -> paged.add(t.get("id").asString()));
      cursor =
          page.get("next") == null || page.get("next").isNull()
              ? null
              : page.get("next").asString();
    } while (cursor != null);
    assertThat(paged).containsExactlyElementsOf(ids.reversed());

    assertProblem(get(reader, "/api/v1/tasks?state=stuck"), 400, "unknown task state 'stuck'");
    assertProblem(
        get(reader, "/api/v1/tasks?cursor=nonsense"), 400, "cursor is not one this API gave");
    assertProblem(get(reader, "/api/v1/tasks?created_after=yesterday"), 400, "ISO-8601");
    assertProblem(get(reader, "/api/v1/tasks?template=pair"), 400, "needs the namespace");
  }

  @Test
  void an_unknown_query_parameter_is_a_400_naming_it() {
    ResponseEntity<JsonNode> response = get(reader, "/api/v1/tasks?sate=error");
    assertProblem(response, 400, "unknown query parameter sate; this endpoint takes ");
    assertThat(response.getBody().get("detail").asString()).contains("correlation_id", "state");
    assertProblem(
        get(reader, "/api/v1/tasks/" + UUID.randomUUID() + "?verbose=1"), 400, "takes none");
    assertProblem(
        get(reader, "/api/v1/tasks?limit=0"), 400, "limit must be greater than or equal to 1");
    assertProblem(
        get(reader, "/api/v1/dead-letters?limit=501"),
        400,
        "limit must be less than or equal to 500");
  }

  @Test
  void a_task_reads_as_a_graph_steps_a_step_with_its_readiness_and_history() {
    String task = create("graph-" + namespace);

    JsonNode graph = get(reader, "/api/v1/tasks/" + task + "/graph").getBody();
    assertThat(graph.get("task").get("state").asString()).isEqualTo("pending");
    assertThat(graph.get("nodes"))
        .extracting(n -> n.get("name").asString())
        .containsExactly("first", "second");
    assertThat(graph.get("edges").get(0).get("from").asString()).isEqualTo("first");
    assertThat(graph.get("edges").get(0).get("to").asString()).isEqualTo("second");

    JsonNode steps = get(reader, "/api/v1/tasks/" + task + "/steps?limit=1").getBody();
    assertThat(steps.get("steps"))
        .singleElement()
        .satisfies(s -> assertThat(s.get("name").asString()).isEqualTo("first"));
    assertThat(steps.get("next").asString()).isEqualTo("first");
    JsonNode rest = get(reader, "/api/v1/tasks/" + task + "/steps?limit=1&after=first").getBody();
    assertThat(rest.get("steps").get(0).get("name").asString()).isEqualTo("second");

    JsonNode second = get(reader, "/api/v1/tasks/" + task + "/steps/second").getBody();
    assertThat(second.get("state").asString()).isEqualTo("pending");
    assertThat(second.get("readiness").get("ready").asBoolean()).isFalse();
    assertThat(second.get("readiness").get("blocking_reason").asString())
        .isEqualTo("waiting for dependencies: first (pending)");

    assertThat(
            get(reader, "/api/v1/tasks/" + task + "/steps/first/history")
                .getBody()
                .get("transitions"))
        .as("a step's creation is not a transition")
        .isEmpty();
    assertThat(post(operator, "/api/v1/tasks/" + task + "/cancel", "").getStatusCode().value())
        .isEqualTo(200);
    JsonNode history = get(reader, "/api/v1/tasks/" + task + "/steps/first/history").getBody();
    assertThat(history.get("transitions"))
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.get("from_state").asString()).isEqualTo("pending");
              assertThat(t.get("to_state").asString()).isEqualTo("cancelled");
              assertThat(t.get("cause").asString()).isEqualTo("operator_cancel");
              assertThat(t.get("metadata").get("operator").asString()).isEqualTo(OPERATOR);
            });

    assertProblem(get(reader, "/api/v1/tasks/" + task + "/steps/ghost"), 404, "step 'ghost'");
    assertProblem(
        get(reader, "/api/v1/tasks/" + UUID.randomUUID() + "/graph"), 404, "does not exist");
  }

  @Test
  void a_template_reads_back_as_registered() {
    JsonNode template = get(reader, "/api/v1/templates/" + namespace + "/pair/1").getBody();
    assertThat(template.get("namespace").asString()).isEqualTo(namespace);
    assertThat(template.get("template").get("steps")).hasSize(2);
    assertThat(template.get("digest").asString()).isNotBlank();
    assertProblem(
        get(reader, "/api/v1/templates/" + namespace + "/pair/9"), 404, "@9 does not exist");
  }

  @Test
  void a_dead_letter_is_listed_with_its_origin_and_replayed_once_its_cause_is_fixed() {
    String template = "late" + UUID.randomUUID().toString().substring(0, 8);
    String correlation = "dlt-" + template;
    kafka.send(
        environment.topics().taskRequests(),
        "key-" + template,
        """
        {"schema_version": 1, "namespace": "%s", "name": "%s", "correlation_id": "%s"}
        """
            .formatted(namespace, template, correlation)
            .getBytes(StandardCharsets.UTF_8));

    JsonNode letter = await().until(() -> onlyLetter(template, false), l -> l != null);
    assertThat(letter.get("origin_topic").asString())
        .isEqualTo(environment.topics().taskRequests());
    assertThat(letter.get("origin_offset").isNumber()).isTrue();
    assertThat(letter.get("key").asString()).isEqualTo("key-" + template);
    assertThat(letter.get("service").asString()).isEqualTo("tributary-processor");
    assertThat(letter.get("reason").asString()).contains("unknown template");
    String id = letter.get("id").asString();

    String replay = "{\"ids\": [\"" + id + "\"]}";
    assertProblem(post(reader, "/api/v1/dead-letters/replay", replay), 403, "operator role");

    // Replayed before its template exists, it fails again: a new dead letter, nothing lost.
    JsonNode first = post(operator, "/api/v1/dead-letters/replay", replay).getBody();
    assertThat(first.get("replayed"))
        .singleElement()
        .satisfies(
            r ->
                assertThat(r.get("topic").asString())
                    .isEqualTo(environment.topics().taskRequests()));
    JsonNode again =
        await()
            .until(
                () -> onlyLetter(template, false),
                l -> l != null && !l.get("id").asString().equals(id));
    assertThat(again.get("replay_of").asString()).isEqualTo(id);
    JsonNode original =
        letters("reason_contains=" + template + "&include_replayed=true").stream()
            .filter(l -> l.get("id").asString().equals(id))
            .findFirst()
            .orElseThrow();
    assertThat(original.get("replayed").get("by").asString()).isEqualTo(OPERATOR);
    JsonNode twice = post(operator, "/api/v1/dead-letters/replay", replay).getBody();
    assertThat(twice.get("replayed")).isEmpty();
    assertThat(twice.get("skipped").get(0).get("reason").asString()).startsWith("already replayed");

    // Once the template is registered, a replay by filter creates the task.
    assertThat(
            send(operator
                    .post()
                    .uri("/api/v1/templates")
                    .contentType(MediaType.parseMediaType("application/yaml"))
                    .body(
                        "namespace: %s\nname: %s\nversion: \"1\"\nsteps:\n  - name: only\n"
                            .formatted(namespace, template)))
                .getStatusCode()
                .value())
        .isEqualTo(200);
    JsonNode second =
        post(
                operator,
                "/api/v1/dead-letters/replay",
                "{\"filter\": {\"reason_contains\": \"" + template + "\"}}")
            .getBody();
    assertThat(second.get("replayed")).as("%s", second).hasSize(1);
    await()
        .untilAsserted(
            () ->
                assertThat(
                        get(reader, "/api/v1/tasks?correlation_id=" + correlation)
                            .getBody()
                            .get("tasks"))
                    .hasSize(1));
    assertThat(letters("reason_contains=" + template)).as("nothing left to replay").isEmpty();

    assertProblem(
        post(operator, "/api/v1/dead-letters/replay", "{\"ids\": [\"x\"]}"),
        400,
        "not a dead letter's id");
    assertProblem(post(operator, "/api/v1/dead-letters/replay", "{}"), 400, "either ids or filter");
  }

  @Test
  void a_browser_request_from_another_site_changes_nothing() {
    String task = create("cross-" + namespace);
    ResponseEntity<JsonNode> response =
        send(
            operator
                .post()
                .uri("/api/v1/tasks/" + task + "/cancel")
                .header("Sec-Fetch-Site", "cross-site"));
    assertProblem(response, 403, "another site");
    assertThat(get(reader, "/api/v1/tasks/" + task).getBody().get("state").asString())
        .isEqualTo("pending");
    assertThat(
            send(operator
                    .post()
                    .uri("/api/v1/tasks/" + task + "/cancel")
                    .header("Sec-Fetch-Site", "same-origin"))
                .getStatusCode()
                .value())
        .isEqualTo(200);
  }

  @Test
  void the_console_is_for_logged_in_users_and_every_page_is_its_document() {
    for (String page :
        List.of("/console/", "/console/tasks/" + UUID.randomUUID(), "/console/dead-letters")) {
      ResponseEntity<String> shown = reader.get().uri(page).retrieve().toEntity(String.class);
      assertThat(shown.getStatusCode().value()).as(page).isEqualTo(200);
      assertThat(shown.getBody())
          .as(page)
          .contains("<script type=\"module\" src=\"/console/console.js\">");
    }
    assertThat(reader.get().uri("/console/dag.js").retrieve().toEntity(String.class).getBody())
        .contains("export function layout");
    ResponseEntity<String> anonymous =
        RestClient.builder()
            .baseUrl("http://localhost:" + port)
            .defaultStatusHandler(status -> true, (request, response) -> {})
            .build()
            .get()
            .uri("/console/")
            .retrieve()
            .toEntity(String.class);
    assertThat(anonymous.getStatusCode().value()).isEqualTo(401);
    assertThat(anonymous.getHeaders().getFirst("WWW-Authenticate")).startsWith("Basic");
  }

  private JsonNode onlyLetter(String reasonText, boolean includeReplayed) {
    List<JsonNode> found =
        letters("reason_contains=" + reasonText + "&include_replayed=" + includeReplayed);
    return found.isEmpty() ? null : found.getLast();
  }

  private List<JsonNode> letters(String query) {
    List<JsonNode> found = new ArrayList<>();
    String cursor = null;
    do {
      JsonNode page =
          get(reader, "/api/v1/dead-letters?" + query + (cursor == null ? "" : "&cursor=" + cursor))
              .getBody();
      page.get("dead_letters").forEach(found::add);
      cursor =
          page.get("next") == null || page.get("next").isNull()
              ? null
              : page.get("next").asString();
    } while (cursor != null);
    return found;
  }

  private String create(String correlation) {
    ResponseEntity<JsonNode> created =
        post(
            operator,
            "/api/v1/tasks",
            """
            {"schema_version": 1, "namespace": "%s", "name": "pair",
             "context": {"nonce": "%s"}, "correlation_id": "%s"}
            """
                .formatted(namespace, UUID.randomUUID(), correlation));
    assertThat(created.getStatusCode().value()).isEqualTo(201);
    return created.getBody().get("task_id").asString();
  }

  private RestClient client(String user) {
    return RestClient.builder()
        .baseUrl("http://localhost:" + port)
        .defaultHeaders(headers -> headers.setBasicAuth(user, PASSWORD))
        .defaultStatusHandler(status -> true, (request, response) -> {})
        .build();
  }

  private static ResponseEntity<JsonNode> get(RestClient client, String path) {
    return send(client.get().uri(path));
  }

  private static ResponseEntity<JsonNode> post(RestClient client, String path, String json) {
    return send(client.post().uri(path).contentType(MediaType.APPLICATION_JSON).body(json));
  }

  private static ResponseEntity<JsonNode> send(RestClient.RequestHeadersSpec<?> request) {
    return request.retrieve().toEntity(JsonNode.class);
  }

  static void assertProblem(ResponseEntity<JsonNode> response, int status, String detail) {
    assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isEqualTo(status);
    assertThat(response.getBody().get("detail").asString()).contains(detail);
    assertThat(response.getBody().get("type").asString()).startsWith("urn:tributary:problem:");
  }
}
