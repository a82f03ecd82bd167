package dev.tributary.e2e;

import dev.tributary.contracts.Topics;
import dev.tributary.testkit.process.DelayProxy;
import dev.tributary.testkit.process.KafkaProcess;
import dev.tributary.testkit.process.PostgresProcess;
import dev.tributary.testkit.process.ServiceProcess;
import dev.tributary.testkit.process.WorkerProcess;
import dev.tributary.testkit.worker.ScriptedWorker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The processes a chaos run kills: processors, schedulers and workers, each a JVM of its own, each
 * with a stable instance id (static group membership), as pods keep their names across restarts.
 * The last scheduler reaches the broker through the proxy, whose faults make its sends hang or time
 * out.
 */
final class ChaosCluster implements AutoCloseable {

  private final ChaosPlan plan;
  private final PostgresProcess postgres;
  private final KafkaProcess kafka;
  private final Topics topics;
  private final Path templates;
  private final List<ServiceProcess> processors = new ArrayList<>();
  private final List<ServiceProcess> schedulers = new ArrayList<>();
  private final List<WorkerProcess> workers = new ArrayList<>();

  ChaosCluster(
      ChaosPlan plan, PostgresProcess postgres, KafkaProcess kafka, Topics topics, Path templates) {
    this.plan = plan;
    this.postgres = postgres;
    this.kafka = kafka;
    this.topics = topics;
    this.templates = templates;
  }

  /** Starts every process and waits until the services are ready. */
  void start(DelayProxy proxy) {
    for (int i = 1; i <= plan.instances(); i++) {
      processors.add(
          service("processor-" + i, "tributary.processor.jar", kafka.bootstrapServers())
              .env("TRIBUTARY_TEMPLATES_DIRECTORY", templates.toString())
              .start());
    }
    // The first processor migrates the schema; the schedulers only check it.
    processors.forEach(ServiceProcess::awaitReady);
    for (int i = 1; i <= plan.instances(); i++) {
      String bootstrap = i == plan.instances() ? proxy.address() : kafka.bootstrapServers();
      schedulers.add(
          service("scheduler-" + i, "tributary.scheduler.jar", bootstrap)
              .env("TRIBUTARY_SCHEDULER_SWEEP_INTERVAL", "1s")
              .env("TRIBUTARY_SCHEDULER_EXPIRY_GRACE", "5s")
              .start());
    }
    schedulers.forEach(ServiceProcess::awaitReady);
    Path runLog = templates.resolve("runs.tsv");
    for (int i = 1; i <= plan.instances(); i++) {
      WorkerProcess.Builder worker =
          WorkerProcess.builder("worker-" + i, ScriptedWorker.class)
              .kafka(kafka.bootstrapServers())
              .topicPrefix(topics.prefix())
              .namespace(ChaosWorkflows.NAMESPACE)
              .runLog(runLog)
              .concurrency(16);
      ChaosWorkflows.handlers().forEach(worker::handler);
      workers.add(worker.start());
    }
  }

  private ServiceProcess.Builder service(String name, String jarProperty, String bootstrap) {
    return ServiceProcess.builder(name, ServiceProcess.jar(jarProperty))
        .database(postgres.database())
        .kafka(bootstrap)
        .topicPrefix(topics.prefix())
        .partitions(ChaosPlan.PARTITIONS)
        .user("chaos", "chaos-secret", "operator")
        .env("TRIBUTARY_KAFKA_INSTANCE_ID", name)
        .env("SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE", "5s");
  }

  List<ServiceProcess> processors() {
    return processors;
  }

  List<ServiceProcess> schedulers() {
    return schedulers;
  }

  /** The scheduler that reaches the broker through the proxy. */
  ServiceProcess proxiedScheduler() {
    return schedulers.getLast();
  }

  List<WorkerProcess> workers() {
    return workers;
  }

  @Override
  public void close() {
    workers.forEach(WorkerProcess::close);
    schedulers.forEach(ServiceProcess::close);
    processors.forEach(ServiceProcess::close);
  }
}
