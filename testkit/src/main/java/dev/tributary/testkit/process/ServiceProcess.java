package dev.tributary.testkit.process;

import static org.awaitility.Awaitility.await;

import dev.tributary.testkit.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The processor or the scheduler as an operating-system process: {@code java -jar} on the service's
 * executable jar, configured by environment variables only, as its pod is (Spring Boot's relaxed
 * binding: {@code SPRING_DATASOURCE_URL} is {@code spring.datasource.url}, {@code
 * TRIBUTARY_SECURITY_USERS_0_NAME} is {@code tributary.security.users[0].name}). Nothing of the
 * test JVM's environment is passed on but {@code PATH}, {@code HOME} and the like.
 *
 * <p>The fixture chooses the HTTP ports ({@code SERVER_PORT}, {@code MANAGEMENT_SERVER_PORT}: the
 * API and, on a port of its own as in the cluster, the actuator) and binds both to 127.0.0.1; they
 * stay the same across restarts, as a pod's do. Readiness ({@code /actuator/health/readiness}, open
 * without credentials) is up once the service reaches PostgreSQL and Kafka.
 *
 * <pre>{@code
 * try (ServiceProcess processor =
 *     ServiceProcess.builder("processor-1", ServiceProcess.jar("tributary.processor.jar"))
 *         .database(postgres.database())
 *         .kafka(kafka.bootstrapServers())
 *         .topicPrefix(prefix)
 *         .user("e2e", "secret", "operator")
 *         .start()) {
 *   processor.awaitReady();
 *   processor.kill();     // SIGKILL: no shutdown hook, no commit of the poll in flight
 *   processor.start();    // same environment, same ports
 * }
 * }</pre>
 */
public final class ServiceProcess implements AutoCloseable {

  /** What {@link #readinessStatus()} returns when nothing answers on the management port. */
  public static final int NOT_LISTENING = 0;

  /** How long {@link #awaitReady()} waits: a JVM start and migrations on two busy cores. */
  public static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

  /**
   * How long {@link #stop()} waits after SIGTERM: Spring's shutdown phases (30 s each by default;
   * set {@code SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE} lower for tests) with room to spare.
   */
  public static final Duration STOP_GRACE = Duration.ofSeconds(90);

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  private final Scratch scratch;
  private final ChildProcess process;
  private final Path jar;
  private final Map<String, String> environment;
  private final List<String> jvmOptions;
  private final List<String> arguments;
  private final int serverPort;
  private final int managementPort;

  private ServiceProcess(Builder builder, Scratch scratch) {
    this.scratch = scratch;
    this.jar = builder.jar;
    this.process = new ChildProcess(builder.name, scratch.logFile(builder.name));
    this.serverPort = FreePort.next();
    this.managementPort = FreePort.next();
    Map<String, String> variables = new LinkedHashMap<>();
    variables.put("SERVER_ADDRESS", "127.0.0.1");
    variables.put("SERVER_PORT", String.valueOf(serverPort));
    variables.put("MANAGEMENT_SERVER_ADDRESS", "127.0.0.1");
    variables.put("MANAGEMENT_SERVER_PORT", String.valueOf(managementPort));
    variables.putAll(builder.environment);
    this.environment = Map.copyOf(variables);
    this.jvmOptions = List.copyOf(builder.jvmOptions);
    this.arguments = List.copyOf(builder.arguments);
  }

  /**
   * The executable jar a system property names, e.g. {@code tributary.processor.jar}, which the
   * failsafe configuration of the module running the test sets (see e2e's and deploy's pom).
   *
   * @throws IllegalStateException if the property is unset or the jar missing, saying how to build
   *     it
   */
  public static Path jar(String property) {
    String value = System.getProperty(property, "");
    if (value.isBlank()) {
      throw new IllegalStateException(
          "system property "
              + property
              + " is not set: the module's failsafe configuration names the service's -exec.jar");
    }
    Path jar = Path.of(value);
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar
              + " does not exist: build it first, e.g. ./mvnw -pl e2e -am verify (the reactor"
              + " packages the service before the module's integration tests)");
    }
    return jar;
  }

  /**
   * A builder for a service process named {@code name} (its log file's name) running {@code jar}.
   */
  public static Builder builder(String name, Path jar) {
    return new Builder(name, jar);
  }

  /**
   * Starts the service ({@code java <options> -jar <jar>} with the environment); returns at once.
   *
   * @throws IllegalStateException if it runs already
   */
  public void start() {
    List<String> command = new ArrayList<>();
    command.add(JavaCommand.launcher());
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(arguments);
    process.start(command, environment, scratch.directory());
  }

  /**
   * Waits for a process that ends by itself, such as the processor's {@code migrate} command.
   *
   * @return its exit code
   * @throws IllegalStateException if it is still running after {@code limit}
   */
  public int awaitExit(Duration limit) {
    return process.awaitExit(limit);
  }

  /** Waits up to {@link #READY_TIMEOUT} for readiness; see {@link #awaitReady(Duration)}. */
  public void awaitReady() {
    awaitReady(READY_TIMEOUT);
  }

  /**
   * Waits until {@code /actuator/health/readiness} answers 200.
   *
   * @throws IllegalStateException at once if the process exits meanwhile, with its log's end
   */
  public void awaitReady(Duration limit) {
    await(process.name() + " ready")
        .atMost(limit)
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              if (!process.isAlive()) {
                throw new IllegalStateException(
                    process.name()
                        + " exited with "
                        + process.exitCode().orElse(-1)
                        + " before it was ready:\n"
                        + process.logTail(60));
              }
              return readinessStatus() == 200;
            });
  }

  /**
   * The readiness endpoint's HTTP status now: 200 ready, 503 not ready, {@value #NOT_LISTENING}
   * when nothing answers (the process is gone or not listening yet).
   */
  public int readinessStatus() {
    return status(managementUrl() + "/actuator/health/readiness");
  }

  /** Whether readiness answers 200 now. */
  public boolean isReady() {
    return readinessStatus() == 200;
  }

  private static int status(String url) {
    try {
      return HTTP.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException nothingAnswers) {
      return NOT_LISTENING;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * SIGKILL: the JVM ends at once, without shutdown hooks; returns once it is gone.
   *
   * @return the exit code, 137
   */
  public int kill() {
    return process.kill();
  }

  /** SIGTERM and a graceful shutdown, SIGKILL after {@link #STOP_GRACE}; returns the exit code. */
  public int stop() {
    return stop(STOP_GRACE);
  }

  /**
   * SIGTERM: Spring shuts down gracefully (the web server drains, the listener containers finish
   * their poll and commit); SIGKILL if it has not exited after {@code grace}.
   *
   * @return the exit code: 143 after a graceful shutdown, 137 if it had to be killed
   */
  public int stop(Duration grace) {
    return process.stop(grace);
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** The last run's exit code, once it has exited. */
  public OptionalInt exitCode() {
    return process.exitCode();
  }

  /** {@code http://127.0.0.1:<SERVER_PORT>}: the processor's REST API. */
  public String baseUrl() {
    return "http://127.0.0.1:" + serverPort;
  }

  /** {@code http://127.0.0.1:<MANAGEMENT_SERVER_PORT>}: the actuator. */
  public String managementUrl() {
    return "http://127.0.0.1:" + managementPort;
  }

  /** The environment the service runs with, the fixture's ports included. */
  public Map<String, String> environment() {
    return environment;
  }

  /** The service's output over every start, with the fixture's markers between. */
  public Path logFile() {
    return process.logFile();
  }

  /** The log's last lines, for a failure message. */
  public String logTail(int lines) {
    return process.logTail(lines);
  }

  /** Kills the service if it runs and deletes its working directory. */
  @Override
  public void close() {
    try {
      process.close();
    } finally {
      scratch.delete();
    }
  }

  /** The environment of a service process; {@link #start()} starts it. Not thread-safe. */
  public static final class Builder {

    private final String name;
    private final Path jar;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final List<String> jvmOptions = new ArrayList<>(JavaCommand.DEFAULT_JVM_OPTIONS);
    private final List<String> arguments = new ArrayList<>();
    private int users;

    private Builder(String name, Path jar) {
      this.name = name;
      this.jar = jar;
    }

    /** An environment variable, e.g. {@code TRIBUTARY_SCHEDULER_SWEEP_INTERVAL=100ms}. */
    public Builder env(String variable, String value) {
      environment.put(variable, value);
      return this;
    }

    /** {@code SPRING_DATASOURCE_URL}, {@code _USERNAME} and {@code _PASSWORD}. */
    public Builder database(TestDatabase database) {
      return env("SPRING_DATASOURCE_URL", database.jdbcUrl())
          .env("SPRING_DATASOURCE_USERNAME", database.username())
          .env("SPRING_DATASOURCE_PASSWORD", database.password());
    }

    /** {@code SPRING_KAFKA_BOOTSTRAP_SERVERS}. */
    public Builder kafka(String bootstrapServers) {
      return env("SPRING_KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
    }

    /** {@code TRIBUTARY_KAFKA_TOPIC_PREFIX}: the isolation of one test's topics. */
    public Builder topicPrefix(String prefix) {
      return env("TRIBUTARY_KAFKA_TOPIC_PREFIX", prefix);
    }

    /** {@code TRIBUTARY_KAFKA_PARTITIONS}: partitions of the topics the service creates. */
    public Builder partitions(int partitions) {
      return env("TRIBUTARY_KAFKA_PARTITIONS", String.valueOf(partitions));
    }

    /**
     * The next user of the API and the metrics ({@code TRIBUTARY_SECURITY_USERS_<n>_NAME}, {@code
     * _PASSWORD}, {@code _ROLE}, n counting from 0), with a password in clear ({@code {noop}}).
     *
     * @param role {@code reader} or {@code operator}
     */
    public Builder user(String user, String password, String role) {
      String prefix = "TRIBUTARY_SECURITY_USERS_" + users++ + "_";
      return env(prefix + "NAME", user)
          .env(prefix + "PASSWORD", "{noop}" + password)
          .env(prefix + "ROLE", role);
    }

    /** Replaces the JVM flags (a small heap, C1 only, the serial collector by default). */
    public Builder jvmOptions(List<String> options) {
      jvmOptions.clear();
      jvmOptions.addAll(options);
      return this;
    }

    /** Program arguments after {@code -jar <jar>}, e.g. the processor's {@code migrate}. */
    public Builder arguments(String... arguments) {
      this.arguments.addAll(List.of(arguments));
      return this;
    }

    /** Starts the service; wait for it with {@link ServiceProcess#awaitReady()}. */
    public ServiceProcess start() {
      Scratch scratch = Scratch.create(name);
      ServiceProcess service = new ServiceProcess(this, scratch);
      try {
        service.start();
        return service;
      } catch (RuntimeException e) {
        service.close();
        throw e;
      }
    }
  }
}
