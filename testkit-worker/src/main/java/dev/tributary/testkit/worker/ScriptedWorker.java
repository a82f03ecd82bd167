package dev.tributary.testkit.worker;

import dev.tributary.testkit.process.WorkerProcess;
import dev.tributary.testkit.process.WorkerScript;
import dev.tributary.worker.TributaryWorker;
import dev.tributary.worker.WorkerOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The main class of a {@link WorkerProcess}: a worker built with the worker library, as any
 * application would build one, whose handlers do what its {@link WorkerScript} (read from the
 * environment) says. SIGTERM closes it gracefully (a shutdown hook); SIGKILL ends it mid-handler.
 */
public final class ScriptedWorker {

  private static final Logger log = LoggerFactory.getLogger(ScriptedWorker.class);

  private ScriptedWorker() {}

  public static void main(String[] args) {
    WorkerScript script = WorkerScript.fromEnvironment(System.getenv());
    TributaryWorker worker = create(script);
    Runtime.getRuntime()
        .addShutdownHook(
            Thread.ofPlatform().name("scripted-worker-shutdown").unstarted(worker::close));
    worker.start();
    // The worker's polling thread is not a daemon: the JVM runs on after main returns.
    log.info(
        "Scripted worker {} (pid {}) serves {} of namespace {} from {}, logging runs to {}",
        script.worker(),
        ProcessHandle.current().pid(),
        script.handlers().keySet(),
        script.namespace(),
        worker.topics(),
        script.runLog());
  }

  /** The worker the script describes, not yet started. */
  static TributaryWorker create(WorkerScript script) {
    long sessionTimeout = script.sessionTimeout().toMillis();
    WorkerOptions options =
        WorkerOptions.builder()
            .bootstrapServers(script.bootstrapServers())
            .groupId(script.groupId())
            .topicPrefix(script.topicPrefix())
            .workerId(script.worker())
            .concurrency(script.concurrency())
            .shutdownGracePeriod(script.shutdownGrace())
            // Consumer settings (the producer ignores them, with a warning): how soon the group
            // notices a killed worker and gives its partitions to the others.
            .kafkaProperty("session.timeout.ms", String.valueOf(sessionTimeout))
            .kafkaProperty("heartbeat.interval.ms", String.valueOf(Math.max(1, sessionTimeout / 3)))
            .build();
    TributaryWorker.Builder builder = TributaryWorker.builder(options);
    script
        .handlers()
        .forEach(
            (handler, behaviour) ->
                builder.handler(
                    script.namespace(), handler, new ScriptedStepHandler(script, behaviour)));
    return builder.build();
  }
}
