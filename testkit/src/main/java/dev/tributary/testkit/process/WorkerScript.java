package dev.tributary.testkit.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything a scripted worker process is told, through environment variables (this record is the
 * contract between {@link WorkerProcess}, which writes them, and the worker's main class, which
 * reads them with {@link #fromEnvironment(Map)}).
 *
 * @param bootstrapServers the Kafka brokers
 * @param topicPrefix the topic prefix, the scheduler's
 * @param groupId the workers' consumer group: processes with the same group share the dispatches
 * @param namespace the template namespace whose dispatch topic the worker reads
 * @param handlers what each handler does, by handler name
 * @param runLog the file every handler run is appended to ({@link HandlerRun})
 * @param worker this incarnation's name, {@code <name>#<start>}
 * @param concurrency handlers run at once
 * @param sessionTimeout the consumer's {@code session.timeout.ms}: how long the group waits for a
 *     killed worker before its partitions go to the others
 * @param shutdownGrace how long in-flight handlers get on SIGTERM
 */
public record WorkerScript(
    String bootstrapServers,
    String topicPrefix,
    String groupId,
    String namespace,
    Map<String, ScriptedHandler> handlers,
    Path runLog,
    String worker,
    int concurrency,
    Duration sessionTimeout,
    Duration shutdownGrace) {

  private static final String PREFIX = "TRIBUTARY_SCRIPTED_WORKER_";
  static final String BOOTSTRAP_SERVERS = PREFIX + "BOOTSTRAP_SERVERS";
  static final String TOPIC_PREFIX = PREFIX + "TOPIC_PREFIX";
  static final String GROUP_ID = PREFIX + "GROUP_ID";
  static final String NAMESPACE = PREFIX + "NAMESPACE";
  static final String HANDLERS = PREFIX + "HANDLERS";
  static final String RUN_LOG = PREFIX + "RUN_LOG";
  static final String WORKER = PREFIX + "WORKER";
  static final String CONCURRENCY = PREFIX + "CONCURRENCY";
  static final String SESSION_TIMEOUT_MS = PREFIX + "SESSION_TIMEOUT_MS";
  static final String SHUTDOWN_GRACE_MS = PREFIX + "SHUTDOWN_GRACE_MS";

  public WorkerScript {
    handlers = Map.copyOf(handlers);
    if (handlers.isEmpty()) {
      throw new IllegalArgumentException("a scripted worker needs at least one handler");
    }
  }

  /** The environment variables that carry this script. */
  public Map<String, String> toEnvironment() {
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put(BOOTSTRAP_SERVERS, bootstrapServers);
    environment.put(TOPIC_PREFIX, topicPrefix);
    environment.put(GROUP_ID, groupId);
    environment.put(NAMESPACE, namespace);
    environment.put(HANDLERS, ScriptedHandler.encodeAll(handlers));
    environment.put(RUN_LOG, runLog.toString());
    environment.put(WORKER, worker);
    environment.put(CONCURRENCY, String.valueOf(concurrency));
    environment.put(SESSION_TIMEOUT_MS, String.valueOf(sessionTimeout.toMillis()));
    environment.put(SHUTDOWN_GRACE_MS, String.valueOf(shutdownGrace.toMillis()));
    return environment;
  }

  /**
   * Reads the script from environment variables, e.g. {@code System.getenv()}.
   *
   * @throws IllegalArgumentException naming a missing variable
   */
  public static WorkerScript fromEnvironment(Map<String, String> environment) {
    return new WorkerScript(
        required(environment, BOOTSTRAP_SERVERS),
        environment.getOrDefault(TOPIC_PREFIX, ""),
        required(environment, GROUP_ID),
        required(environment, NAMESPACE),
        ScriptedHandler.parseAll(required(environment, HANDLERS)),
        Path.of(required(environment, RUN_LOG)),
        required(environment, WORKER),
        Integer.parseInt(required(environment, CONCURRENCY)),
        Duration.ofMillis(Long.parseLong(required(environment, SESSION_TIMEOUT_MS))),
        Duration.ofMillis(Long.parseLong(required(environment, SHUTDOWN_GRACE_MS))));
  }

  private static String required(Map<String, String> environment, String variable) {
    String value = environment.get(variable);
    if (value == null) {
      throw new IllegalArgumentException(
          "environment variable " + variable + " is missing; start the worker with WorkerProcess");
    }
    return value;
  }
}
