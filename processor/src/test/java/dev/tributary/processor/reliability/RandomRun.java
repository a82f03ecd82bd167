package dev.tributary.processor.reliability;

import static dev.tributary.store.schema.Tables.TASKS;
import static dev.tributary.store.schema.Tables.WORKFLOW_STEPS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.tributary.contracts.BatchCursor;
import dev.tributary.contracts.Expansion;
import dev.tributary.contracts.Outcome;
import dev.tributary.contracts.StepResult;
import dev.tributary.contracts.StepState;
import dev.tributary.contracts.TaskRequest;
import dev.tributary.contracts.UuidV7;
import dev.tributary.core.result.Verdict;
import dev.tributary.core.template.StepKind;
import dev.tributary.processor.reliability.RandomTemplate.StepDef;
import dev.tributary.processor.result.ResultProcessor;
import dev.tributary.processor.task.CreationOutcome;
import dev.tributary.processor.task.TaskCreation;
import dev.tributary.store.dispatch.ClaimedStep;
import dev.tributary.store.dispatch.StepClaims;
import dev.tributary.testkit.MutableClock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * One try of the randomised suite: tasks of a random template, run to the end by a simulated
 * scheduler (the real claim statements) and simulated workers (random outcomes per attempt), whose
 * results reach the real {@link ResultProcessor} in random polls, interleaved across steps and
 * tasks, with duplicates and replayed polls, while the clock moves on. Every claim and every
 * delivered result is also replayed through {@link WorkflowModel}, whose predictions are compared
 * with the database at the end.
 */
final class RandomRun {

  /** Rounds of claim-and-poll before a try is declared stuck. */
  private static final int MAX_ROUNDS = 20_000;

  private static final JsonMapper JSON = JsonMapper.shared();

  private final Random random;
  private final RandomTemplate template;
  private final ResultProcessor processor;
  private final TaskCreation creation;
  private final StepClaims claims;
  private final DSLContext db;
  private final MutableClock clock;
  private final RunCounts counts;

  // Per try: how its workers behave and how messages are delivered.
  private final double pStarted;
  private final double pCheckpoint;
  private final double pPermanent;
  private final double pRetryable;
  private final double pInvalid;
  private final double pDuplicate;
  private final double pReplay;
  private final double pClaim;
  private final int maxPoll;

  private final Map<UUID, WorkflowModel> models = new LinkedHashMap<>();
  private final Map<UUID, Deque<Delivery>> queues = new LinkedHashMap<>();
  private final Set<UUID> duplicated = new HashSet<>();

  private record Delivery(UUID taskId, String stepName, StepResult result) {}

  RandomRun(
      long seed,
      RandomTemplate template,
      ResultProcessor processor,
      TaskCreation creation,
      DSLContext db,
      MutableClock clock,
      RunCounts counts) {
    this.random = new Random(seed);
    this.template = template;
    this.processor = processor;
    this.creation = creation;
    this.claims = new StepClaims(db);
    this.db = db;
    this.clock = clock;
    this.counts = counts;
    // Half the tries are hostile (many failures), half mostly healthy, so that both blocked and
    // complete tasks are common.
    boolean hostile = random.nextBoolean();
    this.pStarted = random.nextDouble();
    this.pCheckpoint = random.nextDouble() * 0.3;
    this.pPermanent = random.nextDouble() * (hostile ? 0.15 : 0.01);
    this.pRetryable = random.nextDouble() * (hostile ? 0.5 : 0.3);
    this.pInvalid = hostile ? 0.05 : 0.005;
    this.pDuplicate = random.nextDouble() * 0.3;
    this.pReplay = random.nextDouble() * 0.1;
    this.pClaim = 0.3 + random.nextDouble() * 0.7;
    this.maxPoll = 1 + random.nextInt(random.nextBoolean() ? 4 : 40);
  }

  /** Runs every task to its end; returns the task ids, each finished as the model says. */
  List<UUID> run() {
    List<UUID> tasks = createTasks(1 + random.nextInt(4));
    int rounds = 0;
    int idle = 0;
    while (true) {
      if (++rounds > MAX_ROUNDS) {
        fail("tasks still running after %d rounds: %s%n%s", MAX_ROUNDS, tasks, template.yaml());
      }
      boolean claimed = false;
      if (queuesEmpty() || random.nextDouble() < pClaim) {
        claimed = claim(tasks);
      }
      if (!queuesEmpty()) {
        poll();
        idle = 0;
      } else if (claimed) {
        idle = 0;
      } else {
        if (models.values().stream().noneMatch(RandomRun::waitingForRetry) || ++idle > 3) {
          // Done, or the model expects a retry the database does not have: compare and say so.
          break;
        }
        // Nothing to do until a backoff passes: every backoff here is shorter than a minute.
        clock.advance(Duration.ofMinutes(1));
      }
      if (random.nextInt(4) == 0) {
        clock.advance(Duration.ofMillis(random.nextInt(3_000)));
      }
    }
    counts.rounds.addAndGet(rounds);
    tasks.forEach(this::assertFinishedAsModelled);
    return tasks;
  }

  private List<UUID> createTasks(int count) {
    List<TaskRequest> requests = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      requests.add(
          TaskRequest.of(
              RandomTemplate.NAMESPACE,
              template.name(),
              JsonNodeFactory.instance.objectNode().put("n", i)));
    }
    List<UUID> tasks =
        creation.create(requests).stream()
            .map(outcome -> ((CreationOutcome.Created) outcome).taskId())
            .toList();
    tasks.forEach(task -> models.put(task, new WorkflowModel(template)));
    counts.tasks.addAndGet(count);
    return tasks;
  }

  /** The scheduler's part: ready steps of these tasks, and retries whose backoff passed. */
  private boolean claim(List<UUID> tasks) {
    int limit = 1 + random.nextInt(random.nextBoolean() ? 3 : 100);
    long started = System.nanoTime();
    List<ClaimedStep> claimed =
        new ArrayList<>(claims.claimReady(tasks, limit, 100, clock.instant()));
    claimed.addAll(claims.claimRetriesDue(limit, 100, clock.instant()));
    counts.claimNanos.addAndGet(System.nanoTime() - started);
    for (ClaimedStep step : claimed) {
      WorkflowModel model = models.get(step.taskId());
      assertThat(model).as("claimed a step of a task of this try").isNotNull();
      model.claimed(step.stepName(), step.attempt());
      counts.claims.incrementAndGet();
      Deque<Delivery> queue = queues.computeIfAbsent(step.stepId(), id -> new ArrayDeque<>());
      List<StepResult> sent = new ArrayList<>();
      for (Outcome outcome : work(step, model.steps().get(step.stepName()).def)) {
        sent.add(result(step, outcome));
      }
      regressCheckpoint(sent);
      sent.forEach(result -> queue.add(new Delivery(step.taskId(), step.stepName(), result)));
    }
    return !claimed.isEmpty();
  }

  /**
   * Sometimes delivers an older checkpoint again after a newer one, before the attempt's final
   * outcome: a producer's retry or a zombie processor's late commit.
   */
  private void regressCheckpoint(List<StepResult> sent) {
    List<StepResult> checkpoints =
        sent.stream().filter(r -> r.outcome() instanceof Outcome.Checkpointed).toList();
    if (checkpoints.size() > 1 && random.nextDouble() < pDuplicate) {
      StepResult older = checkpoints.get(random.nextInt(checkpoints.size() - 1));
      sent.add(sent.size() - 1, older);
      counts.duplicates.incrementAndGet();
    }
  }

  /** The worker's part: what one attempt reports, in order. */
  private List<Outcome> work(ClaimedStep step, StepDef def) {
    List<Outcome> outcomes = new ArrayList<>();
    if (random.nextDouble() < pStarted) {
      outcomes.add(new Outcome.Started());
    }
    for (long sequence = 1; random.nextDouble() < pCheckpoint; sequence++) {
      outcomes.add(
          new Outcome.Checkpointed(
              JsonNodeFactory.instance.objectNode().put("cursor", random.nextInt(100)), sequence));
    }
    double roll = random.nextDouble();
    if (roll < pPermanent) {
      outcomes.add(new Outcome.Failed(false, "java.lang.IllegalStateException", "bad data", null));
    } else if (roll < pPermanent + pRetryable) {
      Long retryAfter = random.nextInt(5) == 0 ? (long) random.nextInt(5_000) : null;
      outcomes.add(new Outcome.Failed(true, "java.io.IOException", "timed out", retryAfter));
    } else {
      JsonNode result =
          JsonNodeFactory.instance
              .objectNode()
              .put("step", step.stepName())
              .put("attempt", step.attempt())
              .put("nonce", random.nextInt());
      outcomes.add(new Outcome.Succeeded(result, expansion(def)));
    }
    return outcomes;
  }

  private Expansion expansion(StepDef def) {
    double roll = random.nextDouble();
    return switch (def.kind()) {
      case DECISION -> {
        if (roll < pInvalid) {
          yield new Expansion.CreateSteps(List.of(def.branches().getFirst(), "ghost"));
        }
        if (roll < 0.25) {
          yield new Expansion.NoBranches();
        }
        List<String> chosen = new ArrayList<>();
        for (String branch : def.branches()) {
          if (random.nextBoolean()) {
            chosen.add(branch);
          }
        }
        if (chosen.isEmpty()) {
          chosen.add(def.branches().get(random.nextInt(def.branches().size())));
        }
        Collections.shuffle(chosen, random);
        yield new Expansion.CreateSteps(chosen);
      }
      case BATCHABLE -> {
        if (roll < pInvalid) {
          yield Expansion.CreateBatches.split(10_000_000, 1);
        }
        if (roll < 0.2) {
          yield new Expansion.NoBatches();
        }
        if (roll < 0.55) {
          Set<String> ids = new java.util.LinkedHashSet<>();
          int count = 1 + random.nextInt(4);
          while (ids.size() < count) {
            ids.add("b" + random.nextInt(50));
          }
          List<BatchCursor> cursors = new ArrayList<>();
          int start = 0;
          for (String id : ids) {
            int end = start + 1 + random.nextInt(10);
            cursors.add(
                new BatchCursor(
                    id,
                    JsonNodeFactory.instance.numberNode(start),
                    JsonNodeFactory.instance.numberNode(end)));
            start = end;
          }
          yield Expansion.CreateBatches.of(cursors);
        }
        // Includes splits into no batch at all (0 items).
        yield Expansion.CreateBatches.split(random.nextInt(21), 1 + random.nextInt(6));
      }
      default -> roll < pInvalid ? new Expansion.NoBranches() : null;
    };
  }

  /** Delivers a random number of messages, interleaving steps but keeping each step's order. */
  private void poll() {
    int size = 1 + random.nextInt(maxPoll);
    List<Delivery> batch = new ArrayList<>();
    while (batch.size() < size && !queuesEmpty()) {
      List<UUID> waiting =
          queues.entrySet().stream()
              .filter(e -> !e.getValue().isEmpty())
              .map(Map.Entry::getKey)
              .toList();
      UUID step = waiting.get(random.nextInt(waiting.size()));
      Delivery delivery = queues.get(step).poll();
      batch.add(delivery);
      if (random.nextDouble() < pDuplicate && duplicated.add(delivery.result().messageId())) {
        // The same message again, later: a worker's resend or a redelivery.
        queues.get(step).add(delivery);
        counts.duplicates.incrementAndGet();
      }
    }
    deliver(batch);
    if (random.nextDouble() < pReplay) {
      // The whole poll again, as after a crash between the database commit and the offset commit.
      deliver(batch);
      counts.replays.incrementAndGet();
    }
  }

  private void deliver(List<Delivery> batch) {
    long started = System.nanoTime();
    List<Verdict> verdicts = processor.process(batch.stream().map(Delivery::result).toList());
    counts.processNanos.addAndGet(System.nanoTime() - started);
    assertThat(verdicts).as("verdicts").hasSize(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      Delivery delivery = batch.get(i);
      assertThat(verdicts.get(i))
          .as("verdict of %s for %s", delivery.result().outcome(), delivery.stepName())
          .isNotInstanceOf(Verdict.Rejected.class);
      models.get(delivery.taskId()).delivered(delivery.stepName(), delivery.result());
    }
    counts.messages.addAndGet(batch.size());
    counts.polls.incrementAndGet();
  }

  private void assertFinishedAsModelled(UUID taskId) {
    WorkflowModel model = models.get(taskId);
    String context = "task " + taskId + " of\n" + template.yaml();
    Map<String, Record> actual = new LinkedHashMap<>();
    for (Record row :
        db.select(
                WORKFLOW_STEPS.NAME,
                WORKFLOW_STEPS.STATE,
                WORKFLOW_STEPS.ATTEMPTS,
                WORKFLOW_STEPS.RESULTS,
                WORKFLOW_STEPS.CHECKPOINT,
                WORKFLOW_STEPS.UNMET_DEPENDENCIES)
            .from(WORKFLOW_STEPS)
            .where(WORKFLOW_STEPS.TASK_ID.eq(taskId))
            .fetch()) {
      actual.put(row.get(WORKFLOW_STEPS.NAME), row);
    }
    assertThat(actual.keySet())
        .as("steps that exist in %s", context)
        .containsExactlyInAnyOrderElementsOf(model.steps().keySet());
    for (WorkflowModel.Step step : model.steps().values()) {
      Record row = actual.get(step.name);
      assertThat(row.get(WORKFLOW_STEPS.STATE))
          .as("state of %s in %s", step.name, context)
          .isEqualTo(step.state);
      assertThat(row.get(WORKFLOW_STEPS.ATTEMPTS))
          .as("attempts of %s in %s", step.name, context)
          .isEqualTo(step.attempts);
      assertThat(step.state)
          .as("final state of %s in %s", step.name, context)
          .isIn(StepState.COMPLETE, StepState.ERROR, StepState.PENDING);
      if (step.state == StepState.PENDING) {
        assertThat(model.unmet(step))
            .as("a step left pending must wait for a step that did not complete: %s", step.name)
            .isPositive();
        assertThat(row.get(WORKFLOW_STEPS.UNMET_DEPENDENCIES))
            .as("unmet dependencies of %s", step.name)
            .isEqualTo(model.unmet(step));
      }
      assertThat(
              row.get(WORKFLOW_STEPS.CHECKPOINT) == null
                  ? null
                  : JSON.readTree(row.get(WORKFLOW_STEPS.CHECKPOINT).data()))
          .as("stored checkpoint of %s in %s", step.name, context)
          .isEqualTo(step.checkpoint == null ? null : JSON.readTree(step.checkpoint));
      if (step.state == StepState.COMPLETE) {
        assertThat(JSON.readTree(row.get(WORKFLOW_STEPS.RESULTS).data()))
            .as("stored result of %s", step.name)
            .isEqualTo(JSON.readTree(step.results));
      }
      if (step.def.kind() == StepKind.BATCH_WORKER) {
        counts.batchWorkers.incrementAndGet();
      }
    }
    String state = db.fetchValue(TASKS.STATE, TASKS.ID.eq(taskId)).wireName();
    assertThat(state).as("state of %s", context).isEqualTo(model.expectedTaskState());
    counts.steps.addAndGet(actual.size());
    (state.equals("complete") ? counts.complete : counts.blocked).incrementAndGet();
  }

  private static StepResult result(ClaimedStep step, Outcome outcome) {
    return new StepResult(
        StepResult.SCHEMA_VERSION,
        UuidV7.generate(),
        step.taskId(),
        step.stepId(),
        step.attempt(),
        outcome,
        null);
  }

  private boolean queuesEmpty() {
    return queues.values().stream().allMatch(Deque::isEmpty);
  }

  private static boolean waitingForRetry(WorkflowModel model) {
    return model.steps().values().stream().anyMatch(s -> s.state == StepState.WAITING_FOR_RETRY);
  }
}
