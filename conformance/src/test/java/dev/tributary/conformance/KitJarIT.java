package dev.tributary.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The executable jar ./tributary-conformance runs: its main class, libraries and exit codes. */
class KitJarIT {

  @Test
  void the_jar_prints_its_usage_and_refuses_an_unknown_rule() throws Exception {
    Result help = run("--help");
    Result unknown = run("--bootstrap=127.0.0.1:1", "--rules=speed");

    assertThat(help.exit()).as(help.output()).isZero();
    assertThat(help.output()).startsWith("Usage: tributary-conformance --bootstrap=HOST:PORT");
    assertThat(unknown.exit()).as(unknown.output()).isEqualTo(ConformanceKit.EXIT_USAGE);
    assertThat(unknown.output()).contains("unknown rule(s) [speed]");
  }

  private record Result(int exit, String output) {}

  private static Result run(String... args) throws IOException, InterruptedException {
    Path jar = Path.of(System.getProperty("tributary.conformance.jar"));
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-jar",
                jar.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
    return new Result(process.exitValue(), output);
  }
}
