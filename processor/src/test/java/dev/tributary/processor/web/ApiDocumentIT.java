package dev.tributary.processor.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.processor.ProcessorIntegration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI document the processor serves is the one checked in at docs/api/openapi.json, so the
 * repository's copy cannot drift from the code. After a change to the API, regenerate the copy:
 * {@code TRIBUTARY_WRITE_OPENAPI=1 ./mvnw verify -pl processor -Dit.test=ApiDocumentIT}.
 */
class ApiDocumentIT extends ProcessorIntegration {

  private static final Path CHECKED_IN = Path.of("..", "docs", "api", "openapi.json");

  @LocalServerPort int port;

  @Test
  void the_served_document_is_the_checked_in_copy() throws IOException {
    String served =
        RestClient.create("http://localhost:" + port)
                .get()
                .uri("/v3/api-docs")
                .headers(h -> h.setBasicAuth(READER, PASSWORD))
                .retrieve()
                .body(String.class)
            + "\n";
    if (System.getenv("TRIBUTARY_WRITE_OPENAPI") != null) {
      Files.createDirectories(CHECKED_IN.getParent());
      Files.writeString(CHECKED_IN, served, StandardCharsets.UTF_8);
    }
    assertThat(Files.readString(CHECKED_IN, StandardCharsets.UTF_8))
        .as(
            "docs/api/openapi.json differs from the served document; if the API change is meant,"
                + " regenerate it with TRIBUTARY_WRITE_OPENAPI=1 (see this test's comment)")
        .isEqualTo(served);
  }

  @Test
  void the_document_is_openapi_3_1_in_the_api_s_own_names_with_its_problem_types() {
    JsonNode document =
        JsonMapper.builder()
            .build()
            .readTree(
                RestClient.create("http://localhost:" + port)
                    .get()
                    .uri("/v3/api-docs")
                    .headers(h -> h.setBasicAuth(READER, PASSWORD))
                    .retrieve()
                    .body(String.class));
    assertThat(document.get("openapi").asString()).startsWith("3.1");
    assertThat(document.get("paths").propertyNames())
        .contains(
            "/api/v1/tasks",
            "/api/v1/tasks/{taskId}/graph",
            "/api/v1/tasks/{taskId}/steps/{stepName}/history",
            "/api/v1/templates/{namespace}/{name}/{version}",
            "/api/v1/dead-letters",
            "/api/v1/dead-letters/replay");
    JsonNode summary = document.get("components").get("schemas").get("TaskSummary");
    assertThat(summary.get("properties").propertyNames()).contains("correlation_id", "created_at");
    for (ProblemType type : ProblemType.values()) {
      assertThat(document.get("info").get("description").asString())
          .contains(type.uri().toString());
    }
  }
}
