package dev.tributary.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.testkit.TestInfrastructure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The shell worker (examples/shell-worker, kcat and jq) passes every rule it implements, and its
 * README names exactly the rules it does not.
 */
class ShellWorkerConformanceIT {

  private static final Pattern UNIMPLEMENTED =
      Pattern.compile("^- `([a-z_]+)`:", Pattern.MULTILINE);

  @Test
  void the_shell_worker_fails_only_the_rules_its_readme_lists() throws Exception {
    String bootstrap = TestInfrastructure.kafka().bootstrapServers();
    String prefix = "conformance-shell-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    String[] kit = {"--bootstrap=" + bootstrap, "--topic-prefix=" + prefix};
    // The worker first, as docs/conformance.md says: it waits for the topic the kit creates.
    Process worker = startShellWorker(bootstrap, prefix);
    KitRun run;
    try {
      run = KitRun.of("conformance-shell-worker", kit);
    } finally {
      worker.destroy();
      assertThat(worker.waitFor(30, TimeUnit.SECONDS)).as("the worker stops on TERM").isTrue();
    }

    assertThat(run.verdicts().keySet()).as(run.output()).containsExactlyElementsOf(Rules.names());
    assertThat(run.failed()).as(run.output()).containsExactlyInAnyOrderElementsOf(unimplemented());
    assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
  }

  /** The rules examples/shell-worker/README.md says the shell worker does not implement. */
  private static List<String> unimplemented() throws IOException {
    String readme = Files.readString(Path.of(System.getProperty("tributary.shell-worker.readme")));
    String section = readme.substring(readme.indexOf("## Conformance"));
    Matcher matcher = UNIMPLEMENTED.matcher(section);
    List<String> rules = matcher.results().map(m -> m.group(1)).toList();
    assertThat(rules).as("the README's list of rules not implemented").isNotEmpty();
    return rules;
  }

  private static Process startShellWorker(String bootstrap, String prefix) throws IOException {
    Path log = Path.of("target", "shell-worker-conformance.log");
    ProcessBuilder builder =
        new ProcessBuilder("bash", System.getProperty("tributary.shell-worker"))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().put("BOOTSTRAP", bootstrap);
    builder.environment().put("TOPIC_PREFIX", prefix);
    builder.environment().put("NAMESPACE", KitArguments.DEFAULT_NAMESPACE);
    return builder.start();
  }
}
