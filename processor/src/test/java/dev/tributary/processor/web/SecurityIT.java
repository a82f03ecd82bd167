package dev.tributary.processor.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.processor.ProcessorIntegration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

class SecurityIT extends ProcessorIntegration {

  @LocalServerPort int port;

  private RestClient as(String user, String password) {
    return RestClient.builder()
        .baseUrl("http://localhost:" + port)
        .defaultHeaders(
            headers -> {
              if (user != null) {
                headers.setBasicAuth(user, password);
              }
            })
        .defaultStatusHandler(status -> true, (request, response) -> {})
        .build();
  }

  @Test
  void without_credentials_the_api_answers_401_with_a_problem() {
    ResponseEntity<String> response =
        as(null, null).get().uri("/api/v1/templates").retrieve().toEntity(String.class);

    assertThat(response.getStatusCode().value()).isEqualTo(401);
    assertThat(response.getHeaders().getFirst("WWW-Authenticate")).startsWith("Basic");
    assertThat(response.getHeaders().getContentType())
        .isEqualTo(MediaType.parseMediaType("application/problem+json;charset=UTF-8"));
    assertThat(response.getBody()).contains("\"status\":401");
  }

  @Test
  void a_wrong_password_is_refused() {
    assertThat(
            as(OPERATOR, "guess")
                .get()
                .uri("/api/v1/templates")
                .retrieve()
                .toBodilessEntity()
                .getStatusCode()
                .value())
        .isEqualTo(401);
  }

  @Test
  void a_reader_may_read_but_not_change_anything() {
    RestClient reader = as(READER, PASSWORD);

    ResponseEntity<String> read =
        reader.get().uri("/api/v1/templates").retrieve().toEntity(String.class);
    ResponseEntity<String> cancel =
        reader
            .post()
            .uri("/api/v1/tasks/{id}/cancel", UUID.randomUUID())
            .retrieve()
            .toEntity(String.class);

    assertThat(read.getStatusCode().value()).isEqualTo(200);
    assertThat(cancel.getStatusCode().value()).isEqualTo(403);
    assertThat(cancel.getBody()).contains("this needs the operator role");
  }

  @Test
  void an_operator_may_change_things() {
    ResponseEntity<String> cancel =
        as(OPERATOR, PASSWORD)
            .post()
            .uri("/api/v1/tasks/{id}/cancel", UUID.randomUUID())
            .retrieve()
            .toEntity(String.class);

    assertThat(cancel.getStatusCode().value())
        .as("authorised, and the task does not exist")
        .isEqualTo(404);
  }

  @Test
  void health_probes_stay_open() {
    assertThat(status(as(null, null), "/actuator/health/liveness")).isEqualTo(200);
    assertThat(status(as(null, null), "/actuator/health")).isNotIn(401, 403);
    assertThat(status(as(null, null), "/actuator/health/readiness")).isNotIn(401, 403);
  }

  @Test
  void without_credentials_metrics_info_and_health_details_answer_401() {
    for (String path :
        new String[] {
          "/actuator/prometheus", "/actuator/metrics", "/actuator/info", "/actuator/health/db"
        }) {
      ResponseEntity<String> response =
          as(null, null).get().uri(path).retrieve().toEntity(String.class);

      assertThat(response.getStatusCode().value()).as(path).isEqualTo(401);
      assertThat(response.getHeaders().getFirst("WWW-Authenticate")).startsWith("Basic");
    }
  }

  @Test
  void readers_and_operators_read_the_metrics() {
    for (String user : new String[] {READER, OPERATOR}) {
      ResponseEntity<String> metrics =
          as(user, PASSWORD).get().uri("/actuator/prometheus").retrieve().toEntity(String.class);

      assertThat(metrics.getStatusCode().value()).as(user).isEqualTo(200);
      assertThat(metrics.getBody()).contains("jvm_memory_used_bytes");
    }
  }

  private static int status(RestClient client, String path) {
    return client.get().uri(path).retrieve().toBodilessEntity().getStatusCode().value();
  }
}
