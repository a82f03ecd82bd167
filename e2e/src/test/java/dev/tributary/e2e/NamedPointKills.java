package dev.tributary.e2e;

import static org.awaitility.Awaitility.await;

import dev.tributary.e2e.ChaosRun.Fault;
import dev.tributary.testkit.process.DelayProxy;
import dev.tributary.testkit.process.PostgresProcess;
import dev.tributary.testkit.process.ServiceProcess;
import dev.tributary.testkit.process.StalledBackend;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.awaitility.core.ConditionTimeoutException;
import org.jooq.DSLContext;

/**
 * SIGKILLs at the moments that matter, chosen from outside by watching PostgreSQL: a processor in
 * the middle of a transaction, the processor that owns the event relay, a scheduler whose claims
 * are committed and whose sends hang. The services name their sessions after their instance ({@code
 * application_name}), which is how a session is traced back to a process. A moment not seen in time
 * falls back to a plain kill, reported as such.
 */
final class NamedPointKills {

  /** The relay's advisory lock key (TaskEventOutbox.RELAY_LOCK), as pg_locks splits it. */
  private static final long RELAY_LOCK = 0x7472_6962_7574_6172L;

  /** How long to watch for the moment before falling back to a plain kill. */
  private static final Duration WATCH = Duration.ofSeconds(8);

  private final ChaosCluster cluster;
  private final PostgresProcess postgres;
  private final DelayProxy proxy;
  private final DSLContext db;
  private final Random random;

  /** What was killed, and whether at the named point or, not seen in time, plainly. */
  record Kill(Fault fault, ServiceProcess victim) {}

  NamedPointKills(ChaosCluster cluster, PostgresProcess postgres, DelayProxy proxy, Random random) {
    this.cluster = cluster;
    this.postgres = postgres;
    this.proxy = proxy;
    this.db = postgres.database().dsl();
    this.random = random;
  }

  /**
   * A session holds row locks on every in-flight step; the processor whose transaction waits for
   * one (holding its own locks on their tasks) is killed, so its backend lives on, holding those
   * locks, until PostgreSQL notices the client is gone.
   */
  Kill processorInTransaction() {
    try (StalledBackend stall =
        postgres.stallBackendHoldingLock(
            postgres.database().name(),
            "SELECT id FROM workflow_steps WHERE state IN ('enqueued', 'in_progress')"
                + " FOR UPDATE")) {
      Optional<ServiceProcess> blocked =
          watch(
              "SELECT application_name FROM pg_stat_activity"
                  + " WHERE application_name LIKE 'tributary-processor %'"
                  + " AND wait_event_type = 'Lock' AND xact_start IS NOT NULL LIMIT 1",
              cluster.processors());
      ServiceProcess victim = blocked.orElseGet(() -> any(cluster.processors()));
      victim.kill();
      stall.release();
      return new Kill(
          blocked.isPresent() ? Fault.KILL_PROCESSOR_IN_TRANSACTION : Fault.KILL_PROCESSOR, victim);
    }
  }

  /** The processor seen holding the relay's advisory lock, i.e. publishing task events. */
  Kill relayOwner() {
    Optional<ServiceProcess> owner =
        watch(
            "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
                + " WHERE l.locktype = 'advisory' AND l.granted"
                + " AND (l.classid::bigint << 32 | l.objid::bigint) = "
                + RELAY_LOCK
                + " LIMIT 1",
            cluster.processors());
    ServiceProcess victim = owner.orElseGet(() -> any(cluster.processors()));
    victim.kill();
    return new Kill(owner.isPresent() ? Fault.KILL_RELAY_OWNER : Fault.KILL_PROCESSOR, victim);
  }

  /**
   * The scheduler behind the proxy loses the broker (its sends hang), goes on claiming steps for a
   * few sweeps, and is killed: claims committed, dispatches never sent. Those steps must be
   * dispatched again without costing an attempt.
   */
  Kill schedulerWithUnsentClaims() {
    ServiceProcess victim = cluster.proxiedScheduler();
    proxy.blackHole();
    ChaosRun.pauseFor(Duration.ofSeconds(3));
    victim.kill();
    proxy.pass();
    return new Kill(Fault.KILL_SCHEDULER_UNSENT, victim);
  }

  /**
   * Polls {@code sql}, which names a session, until it names one of {@code services} (by its
   * instance id, the end of the session's name).
   */
  private Optional<ServiceProcess> watch(String sql, List<ServiceProcess> services) {
    try {
      String session =
          await()
              .atMost(WATCH)
              .pollInterval(Duration.ofMillis(10))
              .until(() -> db.fetchValue(sql), name -> name != null)
              .toString();
      return services.stream()
          .filter(s -> session.endsWith(" " + s.environment().get("TRIBUTARY_KAFKA_INSTANCE_ID")))
          .findFirst();
    } catch (ConditionTimeoutException notSeen) {
      return Optional.empty();
    }
  }

  private <T> T any(List<T> instances) {
    return instances.get(random.nextInt(instances.size()));
  }
}
