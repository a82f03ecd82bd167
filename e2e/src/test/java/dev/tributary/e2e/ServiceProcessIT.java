package dev.tributary.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.testkit.TestTopics;
import dev.tributary.testkit.process.KafkaProcess;
import dev.tributary.testkit.process.PostgresProcess;
import dev.tributary.testkit.process.ServiceProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The processor's executable jar as a process of its own, on a PostgreSQL process and a broker
 * process, configured by environment variables only: ready, gone after SIGKILL, not ready while its
 * database is down, ready again after a restart, and stopped gracefully by SIGTERM.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class ServiceProcessIT {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @Test
  void a_processor_process_is_ready_gone_after_sigkill_and_back_after_a_restart() throws Exception {
    try (PostgresProcess postgres = PostgresProcess.create();
        KafkaProcess kafka = KafkaProcess.builder().partitions(2).start();
        ServiceProcess processor =
            ServiceProcess.builder("processor", ServiceProcess.jar("tributary.processor.jar"))
                .database(postgres.database())
                .kafka(kafka.bootstrapServers())
                .topicPrefix(TestTopics.uniquePrefix())
                .partitions(2)
                .user("e2e", "e2e-secret", "operator")
                .env("SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE", "5s")
                .start()) {
      processor.awaitReady();
      assertThat(get(processor.baseUrl() + "/api/v1/templates", null))
          .as("the API needs a user")
          .isEqualTo(401);
      assertThat(get(processor.baseUrl() + "/api/v1/templates", "e2e:e2e-secret"))
          .as("the user given as TRIBUTARY_SECURITY_USERS_0_*")
          .isEqualTo(200);

      long pid = processor.pid();
      assertThat(processor.kill()).isEqualTo(137);

      assertThat(processor.isAlive()).isFalse();
      assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
      assertThat(processor.readinessStatus()).isEqualTo(ServiceProcess.NOT_LISTENING);

      processor.start();
      processor.awaitReady();
      assertThat(processor.pid()).isNotEqualTo(pid);

      postgres.kill();
      await("readiness down without the database")
          .atMost(Duration.ofSeconds(60))
          .until(() -> processor.readinessStatus() == 503);
      postgres.start();
      processor.awaitReady(Duration.ofSeconds(60));

      assertThat(processor.stop()).as("SIGTERM, graceful shutdown").isEqualTo(143);
      assertThat(Files.readString(processor.logFile(), StandardCharsets.UTF_8))
          .contains("Graceful shutdown complete");
    }
  }

  private static int get(String url, String credentials) throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET();
    if (credentials != null) {
      request.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
