package dev.tributary.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.testkit.TestInfrastructure;
import dev.tributary.worker.TributaryWorker;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The Java worker library, with the kit's handlers, keeps every rule of the contract. */
class JavaWorkerConformanceIT {

  @Test
  void the_java_worker_library_passes_every_rule() {
    String bootstrap = TestInfrastructure.kafka().bootstrapServers();
    String prefix = "conformance-java-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    KitRun run;
    try (TributaryWorker worker =
        JavaConformanceWorker.create(bootstrap, prefix, KitArguments.DEFAULT_NAMESPACE)) {
      worker.start();
      run =
          KitRun.of(
              "conformance-java-worker", "--bootstrap=" + bootstrap, "--topic-prefix=" + prefix);
    }

    int rules = Rules.names().size();
    assertThat(run.verdicts().keySet()).as(run.output()).containsExactlyElementsOf(Rules.names());
    assertThat(run.failed()).as(run.output()).isEmpty();
    assertThat(run.exitCode()).isZero();
    assertThat(run.output()).contains(rules + " rules: " + rules + " passed, 0 failed");
  }
}
