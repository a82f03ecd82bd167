package dev.tributary.testkit.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.contracts.Expansion;
import dev.tributary.contracts.JsonCodec;
import dev.tributary.contracts.Outcome;
import dev.tributary.contracts.StepDispatch;
import dev.tributary.contracts.StepResult;
import dev.tributary.contracts.Topics;
import dev.tributary.testkit.KafkaProbe;
import dev.tributary.testkit.TestInfrastructure;
import dev.tributary.testkit.TestTopics;
import dev.tributary.testkit.process.HandlerRun;
import dev.tributary.testkit.process.ScriptedHandler;
import dev.tributary.testkit.process.WorkerProcess;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.assertj.core.api.Condition;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * (Here rather than in testkit-worker, whose module it tests: every module after testkit-worker
 * waits for its tests, and e2e, the longest, waited behind the others for these 35 s.)
 *
 * <p>A scripted worker process on the test broker, fed dispatches published by hand, as the
 * scheduler would publish them: it runs each handler as scripted, logs the run, and answers on
 * step-results.
 */
class WorkerProcessIT {

  private static final String NAMESPACE = "chaos";
  private static final JsonCodec<StepDispatch> DISPATCHES = JsonCodec.of(StepDispatch.class);
  private static final JsonCodec<StepResult> RESULTS = JsonCodec.of(StepResult.class);

  private final String bootstrapServers = TestInfrastructure.kafka().bootstrapServers();
  private final Topics topics = new Topics(TestTopics.uniquePrefix());

  @Test
  void each_dispatch_is_run_once_logged_and_answered_as_its_handler_is_scripted() {
    Map<String, StepDispatch> dispatches = new LinkedHashMap<>();
    for (String handler : List.of("validate", "route", "skip", "split", "flaky")) {
      dispatches.put(handler, dispatch(handler, 1));
    }
    try (KafkaProbe probe = new KafkaProbe(bootstrapServers);
        KafkaProbe.TopicReader results = probe.reader(topics.stepResults())) {
      // Before the worker starts: a new group reads its dispatch topic from the beginning.
      dispatches.values().forEach(dispatch -> publish(probe, dispatch));

      try (WorkerProcess workers =
          WorkerProcess.builder("workers", ScriptedWorker.class)
              .kafka(bootstrapServers)
              .topicPrefix(topics.prefix())
              .namespace(NAMESPACE)
              .handler("validate", ScriptedHandler.succeed())
              .handler("route", ScriptedHandler.createSteps("express", "standard"))
              .handler("skip", ScriptedHandler.noBranches())
              .handler("split", ScriptedHandler.createBatches(3))
              .handler("flaky", ScriptedHandler.failAttempts(1))
              .start()) {

        Map<UUID, Outcome> finals =
            finalOutcomes(results.awaitRecords(records -> finalOutcomes(records).size() == 5));

        assertThat(finals.get(stepOf(dispatches, "validate")))
            .isInstanceOfSatisfying(
                Outcome.Succeeded.class,
                success -> {
                  assertThat(success.expansion()).isNull();
                  assertThat(success.result().path("worker").asString()).isEqualTo("workers#1");
                });
        assertThat(finals.get(stepOf(dispatches, "route")))
            .isInstanceOfSatisfying(
                Outcome.Succeeded.class,
                success ->
                    assertThat(success.expansion())
                        .isEqualTo(new Expansion.CreateSteps(List.of("express", "standard"))));
        assertThat(finals.get(stepOf(dispatches, "skip")))
            .isInstanceOfSatisfying(
                Outcome.Succeeded.class,
                success -> assertThat(success.expansion()).isEqualTo(new Expansion.NoBranches()));
        assertThat(finals.get(stepOf(dispatches, "split")))
            .isInstanceOfSatisfying(
                Outcome.Succeeded.class,
                success ->
                    assertThat(success.expansion())
                        .isInstanceOfSatisfying(
                            Expansion.CreateBatches.class,
                            batches -> assertThat(batches.batchCount()).isEqualTo(3)));
        assertThat(finals.get(stepOf(dispatches, "flaky")))
            .isInstanceOfSatisfying(
                Outcome.Failed.class,
                failure -> {
                  assertThat(failure.retryable()).isTrue();
                  assertThat(failure.errorClass()).isEqualTo("ScriptedFailure");
                });

        List<HandlerRun> runs = workers.runs();
        assertThat(runs)
            .extracting(HandlerRun::stepId)
            .containsExactlyInAnyOrderElementsOf(
                dispatches.values().stream().map(StepDispatch::stepId).toList());
        assertThat(runs)
            .allSatisfy(
                run -> {
                  assertThat(run.worker()).isEqualTo("workers#1");
                  assertThat(run.pid()).isEqualTo(workers.pid());
                  assertThat(run.attempt()).isEqualTo(1);
                });
        assertThat(HandlerRun.duplicates(runs)).isEmpty();
      }
    }
  }

  @Test
  void a_worker_killed_mid_run_runs_the_dispatch_again_when_started_again() {
    StepDispatch slow = dispatch("slow", 1);
    try (KafkaProbe probe = new KafkaProbe(bootstrapServers);
        KafkaProbe.TopicReader results = probe.reader(topics.stepResults())) {
      publish(probe, slow);
      try (WorkerProcess workers =
          WorkerProcess.builder("slow-workers", ScriptedWorker.class)
              .kafka(bootstrapServers)
              .topicPrefix(topics.prefix())
              .namespace(NAMESPACE)
              .handler("slow", ScriptedHandler.succeed().after(Duration.ofSeconds(10)))
              .start()) {
        await("the first run")
            .atMost(Duration.ofSeconds(60))
            .until(() -> workers.runs().size() == 1);

        assertThat(workers.kill()).isEqualTo(137);
        workers.start();

        await("the dispatch running again")
            .atMost(Duration.ofSeconds(60))
            .until(() -> workers.runs().size() == 2);
        assertThat(HandlerRun.duplicates(workers.runs()))
            .containsOnlyKeys(new HandlerRun.Attempt(slow.stepId(), 1))
            .extractingByKey(new HandlerRun.Attempt(slow.stepId(), 1))
            .satisfies(
                runs ->
                    assertThat(runs)
                        .extracting(HandlerRun::worker)
                        .containsExactly("slow-workers#1", "slow-workers#2"));
        assertThat(
                finalOutcomes(results.awaitRecords(records -> finalOutcomes(records).size() == 1)))
            .hasValueSatisfying(
                new Condition<>(
                    outcome ->
                        outcome instanceof Outcome.Succeeded success
                            && success.result().path("worker").asString().equals("slow-workers#2"),
                    "a success of the second incarnation"));
      }
    }
  }

  private StepDispatch dispatch(String handler, int attempt) {
    return new StepDispatch(
        StepDispatch.SCHEMA_VERSION,
        UUID.randomUUID(),
        UUID.randomUUID(),
        handler + "_step",
        attempt,
        3,
        NAMESPACE,
        handler,
        JsonNodeFactory.instance.objectNode().put("order", 42),
        JsonNodeFactory.instance.objectNode(),
        null,
        Map.of(),
        0,
        null,
        Instant.now().plus(Duration.ofMinutes(5)),
        Duration.ofMinutes(5).toMillis());
  }

  private void publish(KafkaProbe probe, StepDispatch dispatch) {
    probe.send(
        topics.dispatch(NAMESPACE), dispatch.taskId().toString(), DISPATCHES.encode(dispatch));
  }

  private static UUID stepOf(Map<String, StepDispatch> dispatches, String handler) {
    return dispatches.get(handler).stepId();
  }

  /** Each step's last success or failure, from results keyed by their task id. */
  private static Map<UUID, Outcome> finalOutcomes(List<ConsumerRecord<String, byte[]>> records) {
    return records.stream()
        .map(
            record -> {
              StepResult result = RESULTS.decode(record.value());
              assertThat(record.key()).isEqualTo(result.taskId().toString());
              return result;
            })
        .filter(
            result ->
                result.outcome() instanceof Outcome.Succeeded
                    || result.outcome() instanceof Outcome.Failed)
        .collect(
            Collectors.toMap(
                StepResult::stepId,
                StepResult::outcome,
                (first, second) -> second,
                LinkedHashMap::new));
  }
}
