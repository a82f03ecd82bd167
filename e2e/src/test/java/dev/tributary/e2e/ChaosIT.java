package dev.tributary.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.contracts.Topics;
import dev.tributary.testkit.Invariants;
import dev.tributary.testkit.TestTopics;
import dev.tributary.testkit.process.DelayProxy;
import dev.tributary.testkit.process.FreePort;
import dev.tributary.testkit.process.KafkaProcess;
import dev.tributary.testkit.process.PostgresProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real faults, injected from outside while a workload runs: processors, schedulers, workers,
 * PostgreSQL and the broker are processes of their own, killed with SIGKILL and started again;
 * PostgreSQL turns read-only, loses its connections or has a backend stall holding row locks; the
 * workers go away for three times the step timeout; one scheduler's sends to the broker hang. At
 * the end every task is complete (its workers always succeed in the end), none was created twice,
 * no (step, attempt) was applied twice, nothing was dead-lettered, and the invariants hold.
 *
 * <p>The fast variant ({@code verify}) runs one instance of each service and a few faults; the
 * chaos profile ({@code ./mvnw verify -Pchaos -pl e2e -am}) runs two of each, at least 100 kills
 * and 10,000 tasks, and writes its figures to RELIABILITY.md.
 */
@Timeout(value = 3, unit = TimeUnit.HOURS)
class ChaosIT {

  private static final Logger log = LoggerFactory.getLogger(ChaosIT.class);

  private static final ChaosPlan PLAN = ChaosPlan.fromSystemProperties();

  @TempDir Path templates;

  @Test
  void no_fault_loses_duplicates_or_wrongly_fails_a_task() throws Exception {
    ChaosWorkflows.write(templates);
    Topics topics = new Topics(TestTopics.uniquePrefix());
    int proxiedPort = FreePort.next();
    try (DelayProxy proxy = DelayProxy.start(proxiedPort);
        PostgresProcess postgres = PostgresProcess.create();
        KafkaProcess kafka =
            KafkaProcess.builder()
                .partitions(ChaosPlan.PARTITIONS)
                .proxiedListener(proxiedPort, proxy.port())
                .start();
        ChaosCluster cluster = new ChaosCluster(PLAN, postgres, kafka, topics, templates)) {
      cluster.start(proxy);

      ChaosFigures figures =
          new ChaosRun(PLAN, cluster, postgres, kafka, proxy, topics, new Random(PLAN.seed()))
              .run();

      log.info("Chaos run: {}", figures.summary());
      assertThat(figures.distinctTasks()).as("tasks created (none lost)").isEqualTo(PLAN.tasks());
      assertThat(figures.tasksCreated()).as("tasks created twice").isEqualTo(PLAN.tasks());
      assertThat(figures.tasksComplete()).as("tasks complete").isEqualTo(PLAN.tasks());
      assertThat(figures.wronglyFailed()).as("tasks wrongly failed").isZero();
      assertThat(figures.appliedTwice()).as("(step, attempt) applied twice").isZero();
      assertThat(figures.deadLetters()).as("good messages dead-lettered").isZero();
      assertThat(figures.kills()).isGreaterThanOrEqualTo(PLAN.kills());
      Invariants.assertAll(postgres.database().dsl());
      Path report = PLAN.report();
      if (PLAN.full() && report != null) {
        figures.writeTo(report);
        assertThat(figures.longestStallAfterAServiceKill())
            .as("the longest stall after a single SIGKILL of a service")
            .isLessThanOrEqualTo(Duration.ofSeconds(15));
      }
    }
  }
}
