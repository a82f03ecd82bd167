package dev.tributary.e2e;

import static dev.tributary.store.schema.Tables.TASKS;
import static dev.tributary.store.schema.Tables.WORKFLOW_STEPS;
import static org.awaitility.Awaitility.await;

import dev.tributary.contracts.StepState;
import dev.tributary.contracts.TaskState;
import dev.tributary.contracts.Topics;
import dev.tributary.testkit.process.DelayProxy;
import dev.tributary.testkit.process.KafkaProcess;
import dev.tributary.testkit.process.PostgresProcess;
import dev.tributary.testkit.process.ServiceProcess;
import dev.tributary.testkit.process.StalledBackend;
import dev.tributary.testkit.process.WorkerProcess;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One chaos run: the workload fed at a steady rate while faults are injected one after another,
 * each once the system has made progress since the last; then every fault healed, every process
 * started, and the run waits for the last task.
 */
final class ChaosRun {

  private static final Logger log = LoggerFactory.getLogger(ChaosRun.class);

  /** The faults, from outside. */
  enum Fault {
    KILL_PROCESSOR(true),
    KILL_PROCESSOR_IN_TRANSACTION(true),
    KILL_RELAY_OWNER(true),
    KILL_SCHEDULER(true),
    KILL_SCHEDULER_UNSENT(true),
    KILL_WORKER(true),
    KILL_BROKER(true),
    KILL_POSTGRES(true),
    READ_ONLY(false),
    TERMINATE_CONNECTIONS(false),
    STALL_BACKEND(false),
    WORKERS_DOWN(false),
    SEND_TIMEOUT(false);

    final boolean kill;

    Fault(boolean kill) {
      this.kill = kill;
    }
  }

  /** A fault as injected: what, to which process, when it began. */
  record Injected(Fault fault, String target, Instant at) {}

  /**
   * The fast variant's faults, in order: a kill of each process, the services' at their named
   * points (the one processor is also the relay's owner) and the workers all at once, for three
   * times the step timeout; and PostgreSQL read-only.
   */
  private static final List<Fault> FAST =
      List.of(
          Fault.KILL_PROCESSOR_IN_TRANSACTION,
          Fault.READ_ONLY,
          Fault.WORKERS_DOWN,
          Fault.KILL_POSTGRES,
          Fault.KILL_SCHEDULER_UNSENT,
          Fault.KILL_BROKER);

  private final ChaosPlan plan;
  private final ChaosCluster cluster;
  private final PostgresProcess postgres;
  private final KafkaProcess kafka;
  private final DelayProxy proxy;
  private final Random random;
  private final Topics topics;
  private final DSLContext db;
  private final List<Injected> injected = new ArrayList<>();
  private final NamedPointKills namedPoints;

  ChaosRun(
      ChaosPlan plan,
      ChaosCluster cluster,
      PostgresProcess postgres,
      KafkaProcess kafka,
      DelayProxy proxy,
      Topics topics,
      Random random) {
    this.plan = plan;
    this.cluster = cluster;
    this.postgres = postgres;
    this.kafka = kafka;
    this.proxy = proxy;
    this.topics = topics;
    this.random = random;
    this.db = postgres.database().dsl();
    this.namedPoints = new NamedPointKills(cluster, postgres, proxy, random);
  }

  ChaosFigures run() {
    Instant started = Instant.now();
    try (TaskFeeder feeder =
        new TaskFeeder(kafka.bootstrapServers(), topics, plan.tasks(), plan.rate())) {
      if (plan.full()) {
        while (!feeder.done() || kills() < plan.kills()) {
          awaitProgress();
          inject(pick());
        }
      } else {
        for (Fault fault : FAST) {
          awaitProgress();
          inject(fault);
        }
      }
      heal();
      await("every request acknowledged").atMost(Duration.ofMinutes(5)).until(feeder::done);
    }
    await("every task finished")
        .atMost(Duration.ofMinutes(plan.full() ? 30 : 5))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> unfinished() == 0 && db.fetchCount(TASKS) == plan.tasks());
    return ChaosFigures.of(plan, db, injected, cluster.workers(), topics, kafka, started);
  }

  private int kills() {
    return (int) injected.stream().filter(i -> i.fault().kill).count();
  }

  /** Three in four faults are kills; the rest spread over the other kinds. */
  private Fault pick() {
    Fault[] faults = Fault.values();
    List<Fault> kills = new ArrayList<>();
    List<Fault> others = new ArrayList<>();
    for (Fault fault : faults) {
      (fault.kill ? kills : others).add(fault);
    }
    List<Fault> from = random.nextInt(4) < 3 ? kills : others;
    return from.get(random.nextInt(from.size()));
  }

  /** Waits until steps completed since the last fault, and a pause besides. */
  private void awaitProgress() {
    int before = completedSteps();
    Duration pause = plan.faultPause().plusMillis(random.nextLong(plan.faultPause().toMillis()));
    await("progress before the next fault")
        .pollDelay(pause)
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> completedSteps() > before + 10 || unfinished() == 0);
  }

  private void inject(Fault fault) {
    Instant at = Instant.now();
    switch (fault) {
      case KILL_PROCESSOR_IN_TRANSACTION -> record(namedPoints.processorInTransaction(), at);
      case KILL_RELAY_OWNER -> record(namedPoints.relayOwner(), at);
      case KILL_SCHEDULER_UNSENT -> record(namedPoints.schedulerWithUnsentClaims(), at);
      default -> record(fault, injectPlainly(fault), at);
    }
  }

  /** A kill at a named point: the victim starts again at once. */
  private void record(NamedPointKills.Kill kill, Instant at) {
    kill.victim().start();
    kill.victim().awaitReady();
    record(kill.fault(), kill.victim().environment().get("TRIBUTARY_KAFKA_INSTANCE_ID"), at);
  }

  private void record(Fault fault, String target, Instant at) {
    injected.add(new Injected(fault, target, at));
    log.info("Chaos: {} ({}), {} faults so far", fault, target, injected.size());
  }

  /** Injects the fault and lifts it; returns what it hit. */
  private String injectPlainly(Fault fault) {
    return switch (fault) {
      case KILL_PROCESSOR -> restart(any(cluster.processors()));
      case KILL_SCHEDULER -> restart(any(cluster.schedulers()));
      case KILL_WORKER -> restart(any(cluster.workers()));
      case KILL_BROKER -> {
        kafka.kill();
        kafka.start();
        yield "broker";
      }
      case KILL_POSTGRES -> {
        postgres.kill();
        postgres.start();
        yield "postgresql";
      }
      case READ_ONLY -> {
        postgres.readOnly(true);
        pauseFor(plan.readOnlyFor());
        postgres.readOnly(false);
        yield "postgresql";
      }
      case TERMINATE_CONNECTIONS -> "postgresql: " + postgres.terminateConnections();
      case STALL_BACKEND -> stall();
      case WORKERS_DOWN -> {
        cluster.workers().forEach(WorkerProcess::kill);
        pauseFor(ChaosPlan.STEP_TIMEOUT.multipliedBy(3));
        cluster.workers().forEach(WorkerProcess::start);
        yield "every worker";
      }
      case SEND_TIMEOUT -> {
        // Longer than the producers' delivery timeout (30 s) and the sends' wait after it.
        proxy.blackHole();
        pauseFor(Duration.ofSeconds(40));
        proxy.pass();
        yield cluster.proxiedScheduler().environment().get("TRIBUTARY_KAFKA_INSTANCE_ID")
            + "'s broker connection";
      }
      case KILL_PROCESSOR_IN_TRANSACTION, KILL_RELAY_OWNER, KILL_SCHEDULER_UNSENT ->
          throw new IllegalArgumentException(fault + " is a kill at a named point");
    };
  }

  private String restart(ServiceProcess service) {
    service.kill();
    service.start();
    service.awaitReady();
    return service.environment().get("TRIBUTARY_KAFKA_INSTANCE_ID");
  }

  private String restart(WorkerProcess worker) {
    worker.kill();
    worker.start();
    return worker.incarnation();
  }

  /** Holds row locks on some in-flight steps, idle in a transaction, for a while. */
  private String stall() {
    try (StalledBackend stalled =
        postgres.stallBackendHoldingLock(
            postgres.database().name(),
            "SELECT id FROM workflow_steps WHERE state IN ('enqueued', 'in_progress')"
                + " ORDER BY id LIMIT 20 FOR UPDATE")) {
      pauseFor(Duration.ofSeconds(15));
      stalled.release();
      return "a backend holding " + stalled.lockedRows() + " step rows";
    }
  }

  /** Every fault undone and every process running again. */
  private void heal() {
    proxy.pass();
    postgres.readOnly(false);
    cluster.workers().stream().filter(w -> !w.isAlive()).forEach(WorkerProcess::start);
    for (List<ServiceProcess> services : List.of(cluster.processors(), cluster.schedulers())) {
      services.stream().filter(s -> !s.isAlive()).forEach(ServiceProcess::start);
      services.forEach(ServiceProcess::awaitReady);
    }
  }

  private <T> T any(List<T> instances) {
    return instances.get(random.nextInt(instances.size()));
  }

  private int completedSteps() {
    return db.fetchCount(WORKFLOW_STEPS, WORKFLOW_STEPS.STATE.eq(StepState.COMPLETE));
  }

  /** Tasks that can still move on their own: blocked or finished ones cannot. */
  private int unfinished() {
    return db.fetchCount(
        TASKS,
        TASKS.STATE.in(TaskState.PENDING, TaskState.IN_PROGRESS, TaskState.WAITING_FOR_RETRY));
  }

  /** Lets a fault last: a pause of the run's own, not a wait for a condition. */
  static void pauseFor(Duration duration) {
    await().pollDelay(duration).atMost(duration.plusSeconds(5)).until(() -> true);
  }
}
