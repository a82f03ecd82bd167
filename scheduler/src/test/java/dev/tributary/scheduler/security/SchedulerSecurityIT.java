package dev.tributary.scheduler.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.testkit.TestEnvironment;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * The scheduler's actuator on a management port of its own, as in Kubernetes: the probes answer
 * anyone, the metrics and the rest only a user.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "management.server.port=0")
class SchedulerSecurityIT {

  private static final TestEnvironment environment = TestEnvironment.create();
  private static final String READER = "prometheus";
  private static final String PASSWORD = "test-secret";

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    environment.register(registry);
    registry.add("tributary.security.users[0].name", () -> READER);
    registry.add("tributary.security.users[0].password", () -> "{noop}" + PASSWORD);
    registry.add("tributary.security.users[0].role", () -> "reader");
  }

  @LocalManagementPort int managementPort;

  private ResponseEntity<String> get(String path, @Nullable String user, String password) {
    return RestClient.builder()
        .baseUrl("http://localhost:" + managementPort)
        .defaultHeaders(
            headers -> {
              if (user != null) {
                headers.setBasicAuth(user, password);
              }
            })
        .defaultStatusHandler(status -> true, (request, response) -> {})
        .build()
        .get()
        .uri(path)
        .retrieve()
        .toEntity(String.class);
  }

  @Test
  void without_credentials_metrics_and_info_answer_401() {
    for (String path :
        new String[] {
          "/actuator/prometheus", "/actuator/metrics", "/actuator/info", "/actuator/health/db"
        }) {
      ResponseEntity<String> response = get(path, null, "");

      assertThat(response.getStatusCode().value()).as(path).isEqualTo(401);
      assertThat(response.getHeaders().getFirst("WWW-Authenticate")).startsWith("Basic");
    }
  }

  @Test
  void a_wrong_password_is_refused() {
    assertThat(get("/actuator/prometheus", READER, "guess").getStatusCode().value()).isEqualTo(401);
  }

  @Test
  void a_reader_reads_the_metrics() {
    ResponseEntity<String> metrics = get("/actuator/prometheus", READER, PASSWORD);

    assertThat(metrics.getStatusCode().value()).isEqualTo(200);
    assertThat(metrics.getBody()).contains("jvm_memory_used_bytes");
  }

  @Test
  void the_health_probes_stay_open() {
    assertThat(get("/actuator/health/liveness", null, "").getStatusCode().value()).isEqualTo(200);
    assertThat(get("/actuator/health", null, "").getStatusCode().value()).isNotIn(401, 403);
    assertThat(get("/actuator/health/readiness", null, "").getStatusCode().value())
        .isNotIn(401, 403);
  }
}
