package dev.tributary.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.OperatingSystemMXBean;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs the image's entrypoint on the image's file layout, without an image: the executable jar is
 * extracted as the Dockerfile's build stage does, its layers merged as the runtime stage's COPYs
 * do, and java started in that directory with the ENTRYPOINT's flags (plus -XX:+PrintFlagsFinal to
 * read what the JVM made of them). The processor runs its {@code migrate} command, as the migration
 * Job does, against an embedded PostgreSQL.
 */
class JvmFlagsIT {

  private static final Pattern FLAG =
      Pattern.compile("^\\s*\\S+\\s+(\\w+)\\s+:?=\\s+(\\S+)", Pattern.MULTILINE);

  @ParameterizedTest
  @ValueSource(strings = {"processor", "scheduler"})
  void the_jar_has_exactly_the_layers_the_dockerfile_copies(String service) {
    assertThat(ServiceJar.layers(DeployFiles.serviceJar(service)))
        .isEqualTo(Dockerfile.read(DeployFiles.dockerfile(service)).copiedLayers());
  }

  @Test
  void the_entrypoint_runs_the_migrate_command_with_container_aware_memory(@TempDir Path work)
      throws Exception {
    Dockerfile dockerfile = Dockerfile.read(DeployFiles.dockerfile("processor"));
    Path app = imageLayout(DeployFiles.serviceJar("processor"), dockerfile, work);

    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
      List<String> command = new ArrayList<>();
      command.add(Processes.java());
      command.addAll(dockerfile.jvmOptions());
      command.add("-XX:+PrintFlagsFinal");
      command.add(dockerfile.mainClass());
      command.add("migrate");
      command.add("--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"));
      command.add("--spring.datasource.username=postgres");
      Processes.Result result = Processes.run(command, app, Duration.ofMinutes(2));

      assertThat(result.exitCode()).as(result.output()).isZero();
      assertThat(result.output()).doesNotContain("Unrecognized VM option");
      Map<String, String> flags = flags(result.output());
      assertThat(flags)
          .containsEntry("UseContainerSupport", "true")
          .containsEntry("ExitOnOutOfMemoryError", "true");
      assertThat(Double.parseDouble(flags.get("MaxRAMPercentage"))).isEqualTo(75.0);
      assertThat(Double.parseDouble(flags.get("InitialRAMPercentage"))).isEqualTo(50.0);
      long memory =
          ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class).getTotalMemorySize();
      assertThat((double) Long.parseLong(flags.get("MaxHeapSize")))
          .as("the heap is 75%% of the memory the JVM sees (the container's limit in a pod)")
          .isCloseTo(memory * 0.75, org.assertj.core.data.Percentage.withPercentage(2));

      try (Connection connection = postgres.getPostgresDatabase().getConnection();
          Statement statement = connection.createStatement()) {
        ResultSet applied =
            statement.executeQuery(
                "SELECT count(*) FILTER (WHERE success), count(*) FROM flyway_schema_history"
                    + " WHERE version IS NOT NULL");
        applied.next();
        assertThat(applied.getInt(1)).isEqualTo(applied.getInt(2)).isGreaterThanOrEqualTo(4);
        ResultSet role =
            statement.executeQuery(
                "SELECT rolcanlogin FROM pg_roles WHERE rolname = 'tributary_runtime'");
        assertThat(role.next()).as("the runtime role exists").isTrue();
        assertThat(role.getBoolean(1)).isFalse();
      }
    }
  }

  /** The image's /app: the jar extracted by the build stage, its layers copied in order. */
  static Path imageLayout(Path jar, Dockerfile dockerfile, Path work) throws IOException {
    Path build = Files.createDirectories(work.resolve("build"));
    Files.copy(jar, build.resolve("app.jar"));
    String extract = dockerfile.stages().getFirst().last("RUN").arguments();
    List<String> command = new ArrayList<>(List.of(extract.split("\\s+")));
    command.set(0, Processes.java());
    Processes.run(command, build, Duration.ofMinutes(1)).requireSuccess();
    Path app = Files.createDirectories(work.resolve("app"));
    for (String layer : dockerfile.copiedLayers()) {
      copyTree(build.resolve("extracted").resolve(layer), app);
    }
    return app;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path source : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static Map<String, String> flags(String output) {
    Map<String, String> flags = new LinkedHashMap<>();
    Matcher matcher = FLAG.matcher(output);
    while (matcher.find()) {
      flags.putIfAbsent(matcher.group(1), matcher.group(2));
    }
    return flags;
  }
}
