package dev.tributary.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.HasAuthentication;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.UsernameAndPassword;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo run with --serve, once for all these tests (each run pays the demo's whole start-up:
 * embedded PostgreSQL and Kafka, both services), as a person would use it:
 *
 * <ul>
 *   <li>the run before it serves: of 12 orders, the valid ones complete, with retries, and the two
 *       invalid ones are reported blocked with why;
 *   <li>the console in a real browser (Debian's chromium, headless, through chromium-driver): an
 *       order with a decision, a batch and a step that fails for good is drawn live as its steps
 *       are created and change state, and an operator's retry from the page unblocks it to
 *       completion; the task list and the dead-letter page. Screenshots go to
 *       target/console-screenshots/ (the README's come from there);
 *   <li>the worker written in shell (examples/shell-worker/worker.sh, kcat and jq): a task of the
 *       namespace it serves completes, with the results it computed.
 * </ul>
 *
 * <p>Stopped at the end as Ctrl-C stops it.
 */
class ServedDemoIT {

  private static final Pattern CONSOLE =
      Pattern.compile("Console +(http://localhost:\\d+)/console/");
  private static final Pattern KAFKA = Pattern.compile("^ +Kafka +(\\S+:\\d+) ");
  private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
  private static final JsonMapper JSON = JsonMapper.shared();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String AUTHORIZATION =
      "Basic "
          + Base64.getEncoder()
              .encodeToString(
                  (Services.API_USER + ":" + Services.API_PASSWORD)
                      .getBytes(StandardCharsets.UTF_8));

  /** 300 items: 30 pick_batch workers, drawn as one group (more than the console's 25). */
  private static final int ITEMS = 300;

  private static DemoProcess demo;
  private static String base;
  private static String bootstrap;
  private static ChromeDriver browser;

  /** Standard error up to the banner: before these tests dead-letter anything on purpose. */
  private static List<String> quietStart = List.of();

  @BeforeAll
  static void start() {
    demo = DemoProcess.demo("--tasks=12", "--invalid-orders=2", "--serve", "--port=0");
    base = demo.awaitLine(CONSOLE, Duration.ofMinutes(3)).group(1);
    bootstrap = demo.awaitLine(KAFKA, Duration.ofSeconds(5)).group(1);
    quietStart = demo.err();
    browser = chromium();
    ((HasAuthentication) browser)
        .register(UsernameAndPassword.of(Services.API_USER, Services.API_PASSWORD));
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (browser != null) {
      browser.quit();
    }
    if (demo != null) {
      demo.stop(Duration.ofSeconds(60));
      demo.close();
      assertThat(demo.out()).contains("Stopping ...");
    }
  }

  @Test
  void the_run_completes_valid_orders_and_reports_the_blocked_ones_with_why() {
    assertThat(demo.out())
        .as(demo.output())
        .contains(
            "Submitting 12 tasks of demo/fulfil_order to the task-requests topic",
            "Summary",
            "NOT ALL TASKS COMPLETED: 2 of 12 did not:")
        .anyMatch(line -> line.startsWith("progress: 10/12 tasks complete · 2 blocked"))
        .anyMatch(line -> line.contains("12 submitted: 10 completed, 2 blocked by failures"))
        // Every fourth order has its payment fail once: orders 4 and 8 (12 is invalid).
        .anyMatch(line -> line.matches("  steps +\\d+ completed, 2 of them after a retry: .*"))
        .anyMatch(line -> line.matches("  latency +p50 [\\d,]+ ms +p95 [\\d,]+ ms +p99 .*"))
        .anyMatch(
            line ->
                line.matches(
                    "  task \\S+ \\(blocked_by_failures\\), step validate_order: failed"
                        + " permanently: an order needs an order_id and at least one item"))
        .as("only the steps that failed; the others merely wait for them")
        .noneMatch(line -> line.contains("waiting for dependencies"));
    assertThat(String.join("\n", demo.out()))
        .as("no terminal, so no line is redrawn in place")
        .doesNotContain("\r");
    assertThat(quietStart)
        .as("quiet by default: no framework chatter on standard error")
        .noneMatch(line -> line.contains(" INFO ") || line.contains(" ERROR "));
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void a_task_s_dag_is_drawn_live_and_a_failed_step_is_retried_from_the_page() throws Exception {
    String task = create(ITEMS);
    browser.get(base + "/console/tasks/" + task);

    // Blocked: reserve_stock failed for good; the steps after it are not created or wait.
    await().atMost(Duration.ofSeconds(60)).until(() -> taskState().equals("blocked_by_failures"));
    Map<String, String> blocked = drawnSteps();
    assertThat(blocked)
        .containsEntry("validate_order", "complete")
        .containsEntry("charge_payment", "complete")
        .containsEntry("reserve_stock", "error")
        .containsEntry("pick_items", "pending")
        .doesNotContainKeys("pick_batch", "choose_carrier", "ship_express");
    assertThat(blocked).isEqualTo(apiSteps(task));
    screenshot("task-blocked.png");

    // The step's panel: attempts, last error, why it is not running.
    step("reserve_stock").click();
    WebElement panel = browser.findElement(By.id("step-panel"));
    await().until(() -> panel.getText().contains("out of stock"));
    assertThat(panel.getText())
        .contains("1 of 3", "OutOfStock", "failed permanently: out of stock");
    screenshot("step-panel.png");

    // Retry from the page, with confirmation; the same page then draws the rest as it happens.
    browser.findElement(By.id("retry-step")).click();
    assertThat(browser.findElement(By.id("confirm-message")).getText())
        .contains("reserve_stock", task);
    browser.findElement(By.id("confirm-ok")).click();

    List<Map<String, String>> seen = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              Map<String, String> now = drawnSteps();
              if (seen.isEmpty() || !seen.getLast().equals(now)) {
                seen.add(now);
              }
              return taskState().equals("complete");
            });
    await().until(() -> drawnSteps().values().stream().allMatch("complete"::equals));
    Map<String, String> done = drawnSteps();
    assertThat(done).isEqualTo(apiSteps(task));
    assertThat(done)
        .containsOnlyKeys(
            "validate_order",
            "reserve_stock",
            "charge_payment",
            "pick_items",
            "pick_batch",
            "pack_order",
            "choose_carrier",
            "ship_express",
            "notify_customer");
    WebElement batch = step("pick_batch");
    assertThat(batch.getDomAttribute("data-group")).isEqualTo("true");
    assertThat(batch.getDomAttribute("data-count")).isEqualTo(String.valueOf(ITEMS / 10));
    // Between the retry and completion, on the same page: the batch's workers drawn once
    // created, before the decision created its branch.
    assertThat(seen)
        .as("drawings seen between the retry and completion, without reloading the page")
        .anySatisfy(
            drawing ->
                assertThat(drawing)
                    .containsEntry("reserve_stock", "complete")
                    .containsKey("pick_batch")
                    .doesNotContainKey("ship_express"));
    screenshot("task-complete.png");

    // The whole DAG for the README: a wide window, no step selected.
    browser.manage().window().setSize(new Dimension(1900, 700));
    browser.get(base + "/console/tasks/" + task);
    await().until(() -> drawnSteps().equals(done));
    screenshot("task-dag.png");
    browser.manage().window().setSize(new Dimension(1440, 900));
  }

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void the_task_list_finds_tasks_and_the_dead_letter_page_lists_a_bad_record() throws Exception {
    String correlation = "console-" + UUID.randomUUID();
    String task = create(ITEMS / 10, correlation);
    browser.get(base + "/console/?correlation_id=" + correlation);
    await()
        .until(
            () -> !browser.findElements(By.cssSelector("tr[data-task='" + task + "']")).isEmpty());
    browser.get(base + "/console/");
    await().until(() -> browser.findElements(By.cssSelector("tr[data-task]")).size() >= 4);
    screenshot("tasks.png");

    String key = "bad-" + UUID.randomUUID();
    try (KafkaProducer<String, byte[]> producer = producer()) {
      producer
          .send(
              new ProducerRecord<>(
                  "step-results", key, "{not json".getBytes(StandardCharsets.UTF_8)))
          .get(10, TimeUnit.SECONDS);
    }
    browser.get(base + "/console/dead-letters");
    // The page reads the topic when it loads: reload it until the dead letter is there.
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              boolean listed =
                  browser.findElements(By.cssSelector("tr[data-dead-letter]")).stream()
                      .anyMatch(row -> row.getText().contains(key));
              if (!listed) {
                browser.navigate().refresh();
              }
              return listed;
            });
    WebElement row =
        browser.findElements(By.cssSelector("tr[data-dead-letter]")).stream()
            .filter(r -> r.getText().contains(key))
            .findFirst()
            .orElseThrow();
    assertThat(row.getText()).contains("step-results", "tributary-processor");
    screenshot("dead-letters.png");
  }

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void a_task_served_by_the_shell_worker_completes_with_its_results() throws Exception {
    for (String tool : new String[] {"kcat", "jq"}) {
      assumeTrue(
          onPath(tool),
          tool
              + " is not installed, so the shell worker cannot run (on Debian: apt-get install"
              + " kcat jq)");
    }
    try (DemoProcess worker = DemoProcess.shellWorker(bootstrap)) {
      String task = create("shell", "hello", "{\"name\": \"Ada\"}", "shell-" + UUID.randomUUID());

      JsonNode done =
          await()
              .atMost(Duration.ofSeconds(60))
              .pollInterval(Duration.ofMillis(250))
              .until(
                  () -> get("/api/v1/tasks/" + task),
                  t -> t.path("state").asString().equals("complete"));

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
  }

  private static String taskState() {
    return browser.findElements(By.id("task-state")).stream()
        .findFirst()
        .map(e -> String.valueOf(e.getDomAttribute("data-task-state")))
        .orElse("");
  }

  private static WebElement step(String name) {
    return browser.findElement(By.cssSelector("svg#dag g.step[data-step='" + name + "']"));
  }

  /**
   * The drawing as the page has it now: each node's step and state, read in one script so that a
   * redraw cannot happen between two nodes.
   */
  private static Map<String, String> drawnSteps() {
    Map<String, String> steps = new LinkedHashMap<>();
    List<?> nodes =
        (List<?>)
            browser.executeScript(
                "return [...document.querySelectorAll('svg#dag g.step')]"
                    + ".map(g => [g.dataset.step, g.dataset.state]);");
    for (Object node : nodes) {
      List<?> pair = (List<?>) node;
      steps.put(String.valueOf(pair.get(0)), String.valueOf(pair.get(1)));
    }
    return steps;
  }

  /** The same as the API has it. */
  private static Map<String, String> apiSteps(String task) throws Exception {
    Map<String, String> steps = new LinkedHashMap<>();
    for (JsonNode node : get("/api/v1/tasks/" + task + "/graph").path("nodes")) {
      steps.put(node.path("name").asString(), node.path("state").asString());
    }
    return steps;
  }

  private static String create(int items) throws Exception {
    return create(items, "console-" + UUID.randomUUID());
  }

  /**
   * An express order whose stock is on backorder: reserve_stock fails for good until retried. Each
   * step takes 300 ms, so that the page, which reads the graph every second, draws the steps
   * between the retry and completion.
   */
  private static String create(int items, String correlation) throws Exception {
    return create(
        "demo",
        "fulfil_order",
        """
        {"order_id": "%s", "items": %d, "express": true, "backorder": true, "step_ms": 500}"""
            .formatted(correlation, items),
        correlation);
  }

  private static String create(
      String namespace, String template, String context, String correlation) throws Exception {
    String body =
        """
        {"schema_version": 1, "namespace": "%s", "name": "%s", "correlation_id": "%s",
         "context": %s}
        """
            .formatted(namespace, template, correlation, context);
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base + "/api/v1/tasks"))
                .header("Authorization", AUTHORIZATION)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return JSON.readTree(response.body()).path("task_id").asString();
  }

  private static JsonNode get(String path) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", AUTHORIZATION)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static KafkaProducer<String, byte[]> producer() {
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    properties.put(
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return new KafkaProducer<>(properties);
  }

  private static void screenshot(String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    File shot = browser.getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }

  private static boolean onPath(String tool) {
    String path = System.getenv("PATH");
    return path != null
        && Stream.of(path.split(File.pathSeparator))
            .map(directory -> Path.of(directory, tool))
            .anyMatch(Files::isExecutable);
  }

  /** Debian's chromium and chromium-driver, headless; nothing is downloaded. */
  private static ChromeDriver chromium() {
    Path browserBinary = Path.of(System.getProperty("tributary.chromium", "/usr/bin/chromium"));
    Path driverBinary =
        Path.of(System.getProperty("tributary.chromedriver", "/usr/bin/chromedriver"));
    for (Path binary : List.of(browserBinary, driverBinary)) {
      assertThat(Files.isExecutable(binary))
          .as(
              "%s is missing: the console test needs Debian's chromium and chromium-driver"
                  + " (apt-get install chromium chromium-driver; .ci/run installs them)",
              binary)
          .isTrue();
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(browserBinary.toFile());
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1440,900");
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(driverBinary.toFile()).build();
    return new ChromeDriver(service, options);
  }
}
