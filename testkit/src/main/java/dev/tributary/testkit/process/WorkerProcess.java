package dev.tributary.testkit.process;

import dev.tributary.testkit.TestTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * A worker as an operating-system process of its own: a JVM on the test JVM's class path running a
 * worker main class, told what to do by a {@link WorkerScript} in its environment. The main class
 * is {@code dev.tributary.testkit.worker.ScriptedWorker} (module {@code testkit-worker}), which
 * serves the script's handlers with the worker library and appends every handler run to the run
 * log; it cannot live in this module, which the worker library's own tests depend on.
 *
 * <p>Each {@link #start()} is a new incarnation ({@code <name>#1}, {@code <name>#2}, ...), which
 * the run log records with every run, so that a test sees which process ran what, and counts
 * duplicate runs of an attempt ({@link HandlerRun#duplicates}) after killing workers.
 *
 * <pre>{@code
 * try (WorkerProcess workers =
 *     WorkerProcess.builder("workers-1", ScriptedWorker.class)
 *         .kafka(kafka.bootstrapServers())
 *         .topicPrefix(prefix)
 *         .namespace("chaos")
 *         .handler("validate", ScriptedHandler.succeed().after(Duration.ofMillis(20)))
 *         .handler("route", ScriptedHandler.createSteps("express"))
 *         .start()) {
 *   ...
 *   workers.kill();    // SIGKILL: handlers in flight never answer, their offsets stay uncommitted
 *   workers.start();   // redelivered dispatches run again: duplicates in the run log
 * }
 * }</pre>
 */
public final class WorkerProcess implements AutoCloseable {

  /** How long {@link #stop()} waits after SIGTERM before SIGKILL. */
  public static final Duration STOP_GRACE = Duration.ofSeconds(30);

  private final Scratch scratch;
  private final ChildProcess process;
  private final String name;
  private final String mainClass;
  private final WorkerScript script;
  private final List<String> jvmOptions;

  private WorkerProcess(Builder builder, Scratch scratch, WorkerScript script) {
    this.scratch = scratch;
    this.name = builder.name;
    this.mainClass = builder.mainClass;
    this.script = script;
    this.process = new ChildProcess(name, scratch.logFile(name));
    this.jvmOptions = new ArrayList<>(builder.jvmOptions);
    jvmOptions.add(
        JavaCommand.logbackConfiguration(
            scratch.directory(), Map.of("org.apache.kafka", "WARN", "dev.tributary", "INFO")));
  }

  /**
   * A builder for a worker process named {@code name} running {@code mainClass}, e.g. {@code
   * ScriptedWorker.class}.
   */
  public static Builder builder(String name, Class<?> mainClass) {
    return new Builder(name, mainClass.getName());
  }

  /**
   * Starts a new incarnation of the worker; returns at once. It joins the consumer group and reads
   * its dispatch topic from the group's committed offsets (from the beginning for a new group).
   *
   * @throws IllegalStateException if it runs already
   */
  public void start() {
    WorkerScript incarnation =
        new WorkerScript(
            script.bootstrapServers(),
            script.topicPrefix(),
            script.groupId(),
            script.namespace(),
            script.handlers(),
            script.runLog(),
            name + "#" + (process.starts() + 1),
            script.concurrency(),
            script.sessionTimeout(),
            script.shutdownGrace());
    process.start(
        JavaCommand.onTestClassPath(jvmOptions, mainClass, List.of()),
        incarnation.toEnvironment(),
        scratch.directory());
  }

  /** SIGKILL: handlers in flight end unanswered; returns once the process is gone. */
  public int kill() {
    return process.kill();
  }

  /**
   * SIGTERM: the worker closes gracefully (in-flight handlers get the shutdown grace, answered
   * dispatches are committed); SIGKILL after {@link #STOP_GRACE}.
   *
   * @return the exit code
   */
  public int stop() {
    return process.stop(STOP_GRACE);
  }

  /** Every handler run so far, of every incarnation (and of others sharing the run log). */
  public List<HandlerRun> runs() {
    return HandlerRun.read(script.runLog());
  }

  /** The run log every handler run is appended to. */
  public Path runLog() {
    return script.runLog();
  }

  /** The current incarnation's name, {@code <name>#<start>}. */
  public String incarnation() {
    return name + "#" + process.starts();
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** The last incarnation's exit code, once it has exited. */
  public OptionalInt exitCode() {
    return process.exitCode();
  }

  /** The worker's output over every start. */
  public Path logFile() {
    return process.logFile();
  }

  /** The log's last lines, for a failure message. */
  public String logTail(int lines) {
    return process.logTail(lines);
  }

  /** Kills the worker if it runs and deletes its working directory (and a run log kept there). */
  @Override
  public void close() {
    try {
      process.close();
    } finally {
      scratch.delete();
    }
  }

  /** What the worker serves and how; {@link #start()} starts it. Not thread-safe. */
  public static final class Builder {

    private final String name;
    private final String mainClass;
    private @Nullable String bootstrapServers;
    private String topicPrefix = "";
    private @Nullable String groupId;
    private @Nullable String namespace;
    private final Map<String, ScriptedHandler> handlers = new LinkedHashMap<>();
    private @Nullable Path runLog;
    private int concurrency = 8;
    private Duration sessionTimeout = Duration.ofSeconds(6);
    private Duration shutdownGrace = Duration.ofSeconds(5);
    private final List<String> jvmOptions = new ArrayList<>(JavaCommand.DEFAULT_JVM_OPTIONS);

    private Builder(String name, String mainClass) {
      this.name = name;
      this.mainClass = mainClass;
    }

    /** The Kafka brokers. Required. */
    public Builder kafka(String bootstrapServers) {
      this.bootstrapServers = bootstrapServers;
      return this;
    }

    /** The topic prefix, the scheduler's ({@link TestTopics#uniquePrefix()} in tests). */
    public Builder topicPrefix(String topicPrefix) {
      this.topicPrefix = topicPrefix;
      return this;
    }

    /**
     * The consumer group; {@code <topic prefix><namespace>-workers} by default, so that tests with
     * topic prefixes of their own never share a group.
     */
    public Builder groupId(String groupId) {
      this.groupId = groupId;
      return this;
    }

    /** The namespace served. Required. */
    public Builder namespace(String namespace) {
      this.namespace = namespace;
      return this;
    }

    /** What the handler {@code handler} of the namespace does. At least one is required. */
    public Builder handler(String handler, ScriptedHandler behaviour) {
      handlers.put(handler, behaviour);
      return this;
    }

    /**
     * The run log; by default a file of the worker's working directory, deleted on close. Give
     * several workers one file to read all their runs together.
     */
    public Builder runLog(Path runLog) {
      this.runLog = runLog;
      return this;
    }

    /** Handlers run at once; 8 by default. */
    public Builder concurrency(int concurrency) {
      this.concurrency = concurrency;
      return this;
    }

    /**
     * The consumer's session timeout; 6 s by default (the broker's minimum): after a SIGKILL, the
     * group gives the killed worker's partitions to the others only when it expires.
     */
    public Builder sessionTimeout(Duration sessionTimeout) {
      this.sessionTimeout = sessionTimeout;
      return this;
    }

    /** How long in-flight handlers get on SIGTERM; 5 s by default. */
    public Builder shutdownGrace(Duration shutdownGrace) {
      this.shutdownGrace = shutdownGrace;
      return this;
    }

    /** Replaces the JVM flags (a small heap, C1 only, the serial collector by default). */
    public Builder jvmOptions(List<String> options) {
      jvmOptions.clear();
      jvmOptions.addAll(options);
      return this;
    }

    /** Starts the worker's first incarnation. */
    public WorkerProcess start() {
      if (bootstrapServers == null || namespace == null || handlers.isEmpty()) {
        throw new IllegalStateException(
            "a worker process needs kafka(...), namespace(...) and at least one handler(...)");
      }
      Scratch scratch = Scratch.create(name);
      WorkerScript script =
          new WorkerScript(
              bootstrapServers,
              topicPrefix,
              groupId == null ? topicPrefix + namespace + "-workers" : groupId,
              namespace,
              handlers,
              runLog == null ? scratch.directory().resolve("runs.tsv") : runLog,
              name + "#0",
              concurrency,
              sessionTimeout,
              shutdownGrace);
      WorkerProcess worker = new WorkerProcess(this, scratch, script);
      try {
        worker.start();
        return worker;
      } catch (RuntimeException e) {
        worker.close();
        throw e;
      }
    }
  }
}
