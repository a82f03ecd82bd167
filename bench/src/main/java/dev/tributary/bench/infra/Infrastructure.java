package dev.tributary.bench.infra;

import dev.tributary.bench.system.TaskFeeder;
import dev.tributary.contracts.Topics;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The PostgreSQL server and Kafka broker of a run, and fresh environments on them. */
public final class Infrastructure implements AutoCloseable {

  private final BenchPostgres postgres;
  private final KafkaBroker kafka;
  private final int partitions;
  private final String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
  private final java.util.concurrent.atomic.AtomicInteger environments =
      new java.util.concurrent.atomic.AtomicInteger();

  private Infrastructure(BenchPostgres postgres, KafkaBroker kafka, int partitions) {
    this.postgres = postgres;
    this.kafka = kafka;
    this.partitions = partitions;
  }

  /** Starts (or connects to) both servers; the broker's own log goes to {@code brokerLog}. */
  public static Infrastructure start(int partitions, Path brokerLog) {
    BenchPostgres postgres = BenchPostgres.start();
    try {
      return new Infrastructure(postgres, KafkaBroker.start(partitions, brokerLog), partitions);
    } catch (RuntimeException e) {
      postgres.close();
      throw e;
    }
  }

  public BenchPostgres postgres() {
    return postgres;
  }

  public KafkaBroker kafka() {
    return kafka;
  }

  public int partitions() {
    return partitions;
  }

  /** CPU times now, of this JVM, the broker, PostgreSQL and the machine. */
  public dev.tributary.bench.measure.CpuUsage.Snapshot cpu() {
    return dev.tributary.bench.measure.CpuUsage.snapshot(kafka.process(), postgres.port());
  }

  /** A fresh database and topics for one scenario, e.g. {@code e2e_10000_1}. */
  public ScenarioEnvironment prepare(String scenario) {
    return on(postgres.newDatabase(name(scenario)), scenario);
  }

  /**
   * Fresh topics for one scenario on a database that already holds data (a history): {@link
   * #release} drops it as usual.
   */
  public ScenarioEnvironment on(BenchDatabase database, String scenario) {
    // Numbered: topics outlive their scenario, and a scenario that read another's records (one of
    // the same name, run again) would time them too.
    Topics topics =
        new Topics(
            "bench-"
                + run
                + "-"
                + environments.incrementAndGet()
                + "-"
                + name(scenario).replace('_', '-')
                + ".");
    kafka.createTopics(
        List.of(
            topics.taskRequests(),
            topics.stepResults(),
            topics.schedulingSignals(),
            topics.taskEvents(),
            topics.deadLetters(),
            topics.dispatch(TaskFeeder.NAMESPACE)),
        partitions);
    return new ScenarioEnvironment(database, topics, kafka.bootstrapServers(), partitions);
  }

  private static String name(String scenario) {
    return scenario.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
  }

  /** Drops the scenario's database (its topics stay until the broker goes). */
  public void release(ScenarioEnvironment environment) {
    postgres.drop(environment.database());
  }

  @Override
  public void close() {
    try {
      kafka.close();
    } finally {
      postgres.close();
    }
  }
}
