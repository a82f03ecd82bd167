package dev.tributary.e2e;

import static dev.tributary.store.schema.Tables.TASKS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.contracts.JsonCodec;
import dev.tributary.contracts.TaskRequest;
import dev.tributary.contracts.TaskState;
import dev.tributary.contracts.Topics;
import dev.tributary.testkit.Invariants;
import dev.tributary.testkit.KafkaProbe;
import dev.tributary.testkit.TestTopics;
import dev.tributary.testkit.process.HandlerRun;
import dev.tributary.testkit.process.KafkaProcess;
import dev.tributary.testkit.process.PostgresProcess;
import dev.tributary.testkit.process.ScriptedHandler;
import dev.tributary.testkit.process.ServiceProcess;
import dev.tributary.testkit.process.WorkerProcess;
import dev.tributary.testkit.worker.ScriptedWorker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Every fixture of the testkit's process package together, as the chaos suite will use them: a
 * processor, a scheduler and a scripted worker, each a process of its own, on a PostgreSQL process
 * and a broker process. A task with a decision and batches completes although its worker is killed
 * in the middle of a batch, and the invariants hold.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class ProcessFlowIT {

  private static final String NAMESPACE = "chaos";
  private static final JsonCodec<TaskRequest> REQUESTS = JsonCodec.of(TaskRequest.class);

  private static final String TEMPLATE =
      """
      namespace: chaos
      name: branch_batch
      version: "1"
      steps:
        - name: route
          kind: decision
          branches: [single, bulk]
        - name: single
          depends_on: [route]
        - name: bulk
          kind: batchable
          depends_on: [route]
          batch_worker: bulk_item
        - name: bulk_item
          kind: batch_worker
        - name: ship
          kind: convergence
          depends_on: [single, bulk_item]
      """;

  @TempDir Path templates;

  @Test
  void a_task_completes_across_processes_although_its_worker_is_killed_mid_batch()
      throws Exception {
    Files.writeString(templates.resolve("branch_batch.yaml"), TEMPLATE, StandardCharsets.UTF_8);
    Topics topics = new Topics(TestTopics.uniquePrefix());
    try (PostgresProcess postgres = PostgresProcess.create();
        KafkaProcess kafka = KafkaProcess.builder().partitions(2).start();
        ServiceProcess processor =
            service("processor", "tributary.processor.jar", postgres, kafka, topics)
                .env("TRIBUTARY_TEMPLATES_DIRECTORY", templates.toString())
                .start()) {
      // The processor migrates the schema; the scheduler only checks it, so it starts after.
      processor.awaitReady();
      try (ServiceProcess scheduler =
              service("scheduler", "tributary.scheduler.jar", postgres, kafka, topics)
                  .env("TRIBUTARY_SCHEDULER_SWEEP_INTERVAL", "500ms")
                  .start();
          WorkerProcess workers =
              WorkerProcess.builder("workers", ScriptedWorker.class)
                  .kafka(kafka.bootstrapServers())
                  .topicPrefix(topics.prefix())
                  .namespace(NAMESPACE)
                  .handler("route", ScriptedHandler.createSteps("bulk"))
                  .handler("bulk", ScriptedHandler.createBatches(3))
                  .handler("bulk_item", ScriptedHandler.succeed().after(Duration.ofSeconds(2)))
                  .handler("ship", ScriptedHandler.succeed())
                  .start();
          KafkaProbe probe = new KafkaProbe(kafka.bootstrapServers())) {
        scheduler.awaitReady();
        String key = "flow-" + UUID.randomUUID();
        probe.send(
            topics.taskRequests(),
            key,
            REQUESTS.encode(
                TaskRequest.of(
                        NAMESPACE,
                        "branch_batch",
                        JsonNodeFactory.instance.objectNode().put("order", 1))
                    .withIdempotencyKey(key)));

        await("a batch worker's run")
            .atMost(Duration.ofMinutes(2))
            .until(
                () ->
                    workers.runs().stream()
                        .anyMatch(run -> run.stepName().startsWith("bulk_item")));
        assertThat(workers.kill()).isEqualTo(137);
        workers.start();

        DSLContext db = postgres.database().dsl();
        await("the task complete")
            .atMost(Duration.ofMinutes(2))
            .until(
                () ->
                    db.select(TASKS.STATE)
                        .from(TASKS)
                        .fetch(TASKS.STATE)
                        .equals(List.of(TaskState.COMPLETE)));
        Invariants.assertAll(db);
        assertThat(workers.runs())
            .extracting(HandlerRun::stepName)
            .contains("route", "bulk", "ship")
            .filteredOn(name -> name.startsWith("bulk_item"))
            .as("three batches, each run at least once")
            .hasSizeGreaterThanOrEqualTo(3);
        assertThat(workers.runs())
            .extracting(HandlerRun::worker)
            .contains("workers#1", "workers#2");
      }
    }
  }

  private static ServiceProcess.Builder service(
      String name,
      String jarProperty,
      PostgresProcess postgres,
      KafkaProcess kafka,
      Topics topics) {
    return ServiceProcess.builder(name, ServiceProcess.jar(jarProperty))
        .database(postgres.database())
        .kafka(kafka.bootstrapServers())
        .topicPrefix(topics.prefix())
        .partitions(2)
        .user("e2e", "e2e-secret", "operator")
        .env("SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE", "5s");
  }
}
