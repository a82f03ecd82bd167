package dev.tributary.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The worker written in shell (examples/shell-worker/worker.sh, kcat and jq) against the demo run
 * with --serve: a task of the namespace it serves completes, with the results it computed.
 */
class ShellWorkerIT {

  private static final Pattern API = Pattern.compile("REST API +(http://localhost:\\d+)/api/v1");
  private static final Pattern KAFKA = Pattern.compile("^ +Kafka +(\\S+:\\d+) ");
  private static final JsonMapper JSON = JsonMapper.shared();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String AUTHORIZATION =
      "Basic "
          + Base64.getEncoder()
              .encodeToString(
                  (Services.API_USER + ":" + Services.API_PASSWORD)
                      .getBytes(StandardCharsets.UTF_8));

  @BeforeAll
  static void kcatAndJqAreInstalled() {
    for (String tool : new String[] {"kcat", "jq"}) {
      assumeTrue(
          onPath(tool),
          tool
              + " is not installed, so the shell worker cannot run (on Debian: apt-get install"
              + " kcat jq)");
    }
  }

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void a_task_served_by_the_shell_worker_completes_with_its_results() throws Exception {
    try (DemoProcess demo = DemoProcess.demo("--tasks=0", "--serve", "--port=0")) {
      String api = demo.awaitLine(API, Duration.ofMinutes(3)).group(1);
      String bootstrap = demo.awaitLine(KAFKA, Duration.ofSeconds(5)).group(1);

      try (DemoProcess worker = DemoProcess.shellWorker(bootstrap)) {
        String task = create(api, "{\"name\": \"Ada\"}");

        JsonNode done =
            await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> read(api, task), t -> t.path("state").asString().equals("complete"));

        assertThat(done.path("steps").values())
            .extracting(step -> step.path("name").asString(), step -> step.path("results"))
            .containsExactlyInAnyOrder(
                tuple("greet", JSON.readTree("{\"greeting\": \"Hello, Ada!\"}")),
                tuple("shout", JSON.readTree("{\"shout\": \"HELLO, ADA!\"}")));
        demo.awaitLine(
            Pattern.compile("complete +shell/hello +" + task + " +after [\\d,]+ ms"),
            Duration.ofSeconds(10));
        assertThat(worker.err())
            .anyMatch(line -> line.contains("step greet attempt 1: success"))
            .anyMatch(line -> line.contains("step shout attempt 1: success"));
        assertThat(worker.stop(Duration.ofSeconds(10))).isEqualTo(143);
      }
      demo.stop(Duration.ofSeconds(60));
      assertThat(demo.out()).contains("Stopping ...");
    }
  }

  private static String create(String api, String context) throws Exception {
    String body =
        "{\"schema_version\": 1, \"namespace\": \"shell\", \"name\": \"hello\", \"context\": "
            + context
            + "}";
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(api + "/api/v1/tasks"))
                .header("Authorization", AUTHORIZATION)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return JSON.readTree(response.body()).path("task_id").asString();
  }

  private static JsonNode read(String api, String task) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(api + "/api/v1/tasks/" + task))
                .header("Authorization", AUTHORIZATION)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(response.body());
  }

  private static boolean onPath(String tool) {
    String path = System.getenv("PATH");
    return path != null
        && Stream.of(path.split(File.pathSeparator))
            .map(directory -> Path.of(directory, tool))
            .anyMatch(Files::isExecutable);
  }
}
