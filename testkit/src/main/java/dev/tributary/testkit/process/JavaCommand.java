package dev.tributary.testkit.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Command lines for the JVMs the fixtures start: the test JVM's own {@code java}, and for classes
 * of the test's class path ({@link KafkaProcess}, {@link WorkerProcess}) the test JVM's class path.
 */
final class JavaCommand {

  /**
   * Flags for a JVM of a fixture: a small heap, and the quickest start on a small machine (C1 only:
   * peak speed is not what a fault test measures; the serial collector: no GC threads competing for
   * two cores).
   */
  static final List<String> DEFAULT_JVM_OPTIONS =
      List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

  private JavaCommand() {}

  /** The {@code java} launcher of the JDK running the tests. */
  static String launcher() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /**
   * The test JVM's class path. Surefire and failsafe set {@code java.class.path} to the test class
   * path in their forks, also when they start the fork with a manifest-only jar.
   */
  static String testClassPath() {
    String classPath = System.getProperty("java.class.path", "");
    if (classPath.isBlank()) {
      throw new IllegalStateException("java.class.path is empty: cannot start a JVM on it");
    }
    return classPath;
  }

  /** {@code java <options> -cp <test class path> <main class> <arguments>}. */
  static List<String> onTestClassPath(
      List<String> jvmOptions, String mainClass, List<String> arguments) {
    List<String> command = new ArrayList<>();
    command.add(launcher());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(testClassPath());
    command.add(mainClass);
    command.addAll(arguments);
    return command;
  }

  /**
   * Writes a Logback configuration that logs to standard output (the process's log file) at INFO,
   * with the given loggers at other levels, and returns the JVM flag that selects it. It wins over
   * any {@code logback-test.xml} of the test class path. Without Logback on the class path the flag
   * does nothing.
   */
  static String logbackConfiguration(Path directory, Map<String, String> levels) {
    StringBuilder loggers = new StringBuilder();
    levels.forEach(
        (logger, level) ->
            loggers
                .append("  <logger name=\"")
                .append(logger)
                .append("\" level=\"")
                .append(level)
                .append("\"/>\n"));
    String configuration =
        """
        <configuration>
          <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
            <encoder>
              <pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n</pattern>
            </encoder>
          </appender>
        LOGGERS  <root level="INFO">
            <appender-ref ref="OUT"/>
          </root>
        </configuration>
        """
            .replace("LOGGERS", loggers);
    Path file = directory.resolve("logback.xml");
    try {
      Files.writeString(file, configuration, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file, e);
    }
    return "-Dlogback.configurationFile=" + file;
  }
}
