package dev.tributary.demo;

import dev.tributary.contracts.StepState;
import dev.tributary.demo.RunStatistics.UnfinishedStep;
import dev.tributary.worker.TributaryWorker;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One demo run: starts everything (PostgreSQL and Kafka embedded, unless external ones are named),
 * submits the tasks, follows them to the end and sums up; with {@code --serve}, keeps running and
 * reports tasks as they finish. Writes for a person to {@code out}; logs go to standard error.
 */
final class Demo implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Demo.class);

  /** How often progress is read from the database and shown. */
  static final Duration POLL_INTERVAL = Duration.ofMillis(100);

  /** How long a run may go without any task or step changing before it is given up on. */
  static final Duration STALL_TIMEOUT = Duration.ofSeconds(30);

  /** The exit code of a run stopped before its end, as a shell reports one ended by Ctrl-C. */
  static final int EXIT_STOPPED = 130;

  /** Unfinished steps listed when a run ends with tasks not completed. */
  private static final int UNFINISHED_STEPS_SHOWN = 10;

  private final DemoArguments arguments;
  private final PrintStream out;
  private @Nullable EmbeddedDatabase database;
  private @Nullable EmbeddedBroker broker;
  private @Nullable Services services;
  private @Nullable TributaryWorker worker;
  private @Nullable TaskSubmitter submitter;
  private @Nullable PostgresAccess postgres;
  private @Nullable KafkaAccess kafka;
  private @Nullable RunStatistics statistics;
  private Duration startup = Duration.ZERO;
  private boolean closed;

  Demo(DemoArguments arguments, PrintStream out) {
    this.arguments = arguments;
    this.out = out;
  }

  /**
   * Starts the database and broker (or checks the external ones), the processor, the scheduler and
   * the sample workers.
   */
  void start() {
    long started = System.nanoTime();
    Instant since = Instant.now();
    PostgresAccess externalPostgres = arguments.postgres();
    ExternalKafka externalKafka = arguments.kafka();
    if (externalPostgres == null && externalKafka == null) {
      out.println("Tributary demo: everything in this one process, nothing to install.");
    } else {
      out.println(
          "Tributary demo: the processor, the scheduler and the sample workers in this process.");
      out.println("  PostgreSQL  " + describe(externalPostgres));
      out.println("  Kafka       " + describe(externalKafka));
    }
    if (externalPostgres != null) {
      timed("Connecting to PostgreSQL", () -> ExternalChecks.connect(externalPostgres));
    }
    KafkaAccess externalAccess = null;
    short replicationFactor = 1; // the embedded broker is one
    if (externalKafka != null) {
      externalAccess = externalKafka(externalKafka);
      replicationFactor = replicationFactor(externalKafka, externalAccess);
    }
    startEmbedded(externalPostgres == null, externalKafka == null);
    PostgresAccess postgres =
        externalPostgres != null ? externalPostgres : running(database).access();
    KafkaAccess kafka =
        externalAccess != null
            ? externalAccess
            : KafkaAccess.plain(running(broker).bootstrapServers(), arguments.topicPrefix());
    this.postgres = postgres;
    this.kafka = kafka;
    Services services = new Services(postgres, kafka, replicationFactor);
    this.services = services;
    timed(
        "Starting the processor (migrates the database, registers the templates)",
        () -> services.startProcessor(arguments.apiPort()));
    timed("Starting the scheduler", services::startScheduler);
    timed(
        "Starting the sample workers (namespace " + FulfilmentWorker.NAMESPACE + ")",
        () -> {
          TributaryWorker worker =
              FulfilmentWorker.create(kafka, FulfilmentWorker.IN_PROCESS_WORKER_ID);
          this.worker = worker;
          worker.start();
        });
    submitter = new TaskSubmitter(kafka);
    statistics = new RunStatistics(postgres.dataSource(), since);
    startup = Duration.ofNanos(System.nanoTime() - started);
  }

  /**
   * Asks the external Kafka for its brokers, and so for the replication factor of the topics the
   * services create.
   */
  private short replicationFactor(ExternalKafka external, KafkaAccess kafka) {
    long started = System.nanoTime();
    out.print("  Connecting to Kafka ... ");
    out.flush();
    int brokers = ExternalChecks.brokers(kafka);
    short replicationFactor = external.replicationFactor(brokers);
    out.printf(
        "%.1f s (%d broker(s): the services create their topics with %d partitions, %d"
            + " replica(s))%n",
        (System.nanoTime() - started) / 1e9, brokers, EmbeddedBroker.PARTITIONS, replicationFactor);
    if (replicationFactor > brokers) {
      throw new IllegalStateException(
          "--replication-factor="
              + replicationFactor
              + " is more than the "
              + brokers
              + " broker(s) of Kafka at "
              + kafka.bootstrapServers());
    }
    return replicationFactor;
  }

  /** Starts what the command line did not name an external one for, side by side. */
  private void startEmbedded(boolean postgres, boolean kafka) {
    if (postgres && kafka) {
      timed(
          "Starting PostgreSQL and Kafka (embedded)",
          () -> {
            CompletableFuture<EmbeddedDatabase> database =
                CompletableFuture.supplyAsync(EmbeddedDatabase::start);
            try {
              broker = EmbeddedBroker.start();
            } finally {
              this.database = joined(database);
            }
          });
    } else if (postgres) {
      timed("Starting PostgreSQL (embedded)", () -> database = EmbeddedDatabase.start());
    } else if (kafka) {
      timed("Starting Kafka (embedded)", () -> broker = EmbeddedBroker.start());
    }
  }

  private KafkaAccess externalKafka(ExternalKafka kafka) {
    return new KafkaAccess(
        kafka.bootstrapServers(), kafka.clientProperties(), arguments.topicPrefix());
  }

  /** Which PostgreSQL, for the first lines: never its password. */
  private static String describe(@Nullable PostgresAccess postgres) {
    return postgres == null
        ? "embedded, started below"
        : postgres.shownUrl() + "  (external; user " + postgres.user() + ")";
  }

  /** Which Kafka, for the first lines: the names of the client settings, never their values. */
  private String describe(@Nullable ExternalKafka kafka) {
    String prefix =
        arguments.topicPrefix().isEmpty() ? "" : "; topic prefix " + arguments.topicPrefix();
    if (kafka == null) {
      return "embedded, started below" + prefix;
    }
    Path file = kafka.configFile();
    String settings =
        file == null
            ? ""
            : "; client settings from "
                + file
                + (kafka.clientProperties().isEmpty()
                    ? " (none)"
                    : ": " + externalKafka(kafka).settingNames());
    return kafka.bootstrapServers() + "  (external" + settings + prefix + ")";
  }

  /**
   * Submits the tasks, shows their progress until every one has finished (or nothing has moved for
   * {@link #STALL_TIMEOUT}) and prints the summary.
   *
   * @return 0 when every task completed, 1 otherwise, {@link #EXIT_STOPPED} when interrupted
   */
  int runTasks() {
    int tasks = arguments.tasks();
    int firstInvalid = tasks - arguments.invalidOrders() + 1;
    RunStatistics statistics = running(this.statistics);
    out.printf(
        "%nSubmitting %,d tasks of %s/%s to the %s topic%n",
        tasks,
        FulfilmentWorker.NAMESPACE,
        FulfilmentWorker.TEMPLATE,
        running(kafka).topics().taskRequests());
    Instant submitted = Instant.now();
    long started = System.nanoTime();
    running(submitter)
        .submit(
            FulfilmentWorker.NAMESPACE,
            FulfilmentWorker.TEMPLATE,
            tasks,
            n -> FulfilmentWorker.order(n, n >= firstInvalid));
    Ending ending = follow(statistics, tasks, started);
    if (ending == null) {
      out.println();
      return EXIT_STOPPED;
    }
    Duration wallTime =
        statistics
            .lastFinishedAt()
            .map(last -> Duration.between(submitted, last))
            .orElse(Duration.ofNanos(System.nanoTime() - started));
    Summary summary =
        new Summary(
            tasks, ending.progress(), statistics.completedTaskLatencies(), wallTime, startup);
    out.println();
    out.print(summary.format());
    out.println();
    if (summary.allCompleted()) {
      out.printf("All %,d tasks completed.%n", tasks);
      return 0;
    }
    out.printf(
        "NOT ALL TASKS COMPLETED: %,d of %,d did not%s:%n",
        summary.notCompleted(),
        tasks,
        ending.stalled() ? " (nothing moved for " + STALL_TIMEOUT.toSeconds() + " s)" : "");
    explainUnfinished(statistics);
    return 1;
  }

  /**
   * Shows progress until the tasks have all finished or nothing moved for {@link #STALL_TIMEOUT}.
   *
   * @return how it ended; null when interrupted
   */
  private @Nullable Ending follow(RunStatistics statistics, int tasks, long started) {
    ProgressDisplay display =
        new ProgressDisplay(
            out,
            Terminal.isInteractive(),
            Terminal.isUtf8(),
            tasks,
            FulfilmentWorker.expectedSteps(tasks));
    Progress progress = statistics.progress();
    Progress lastChange = progress;
    long lastChangeAt = System.nanoTime();
    boolean stalled = false;
    while (!stalled && (progress.tasks() < tasks || progress.finished() < tasks)) {
      display.show(progress, Duration.ofNanos(System.nanoTime() - started));
      if (!pause(POLL_INTERVAL)) {
        return null;
      }
      progress = statistics.progress();
      if (!progress.equals(lastChange)) {
        lastChange = progress;
        lastChangeAt = System.nanoTime();
      } else {
        stalled = Duration.ofNanos(System.nanoTime() - lastChangeAt).compareTo(STALL_TIMEOUT) > 0;
      }
    }
    display.finish(progress, Duration.ofNanos(System.nanoTime() - started));
    return new Ending(progress, stalled);
  }

  /**
   * Lists the steps that failed for good; when none did, the unfinished steps and why they wait.
   */
  private void explainUnfinished(RunStatistics statistics) {
    List<UnfinishedStep> unfinished = statistics.unfinishedSteps(UNFINISHED_STEPS_SHOWN);
    // Steps that failed for good come first; when there are some, the rest only wait for them.
    boolean failed = !unfinished.isEmpty() && unfinished.getFirst().state() == StepState.ERROR;
    unfinished.stream()
        .filter(step -> !failed || step.state() == StepState.ERROR)
        .forEach(step -> out.println("  " + step));
    if (failed) {
      out.println(
          "With --serve the demo keeps running: an operator can retry a failed step, or resolve"
              + " it by hand, from the console's task page (or POST"
              + " /api/v1/tasks/<task id>/steps/<step>/retry).");
    } else {
      out.println("Run again with --verbose for the services' logs.");
    }
  }

  /**
   * How following a run ended.
   *
   * @param progress the last progress read
   * @param stalled whether it ended because nothing moved for {@link #STALL_TIMEOUT}
   */
  private record Ending(Progress progress, boolean stalled) {}

  /**
   * Prints how to reach the REST API, the broker and the database, and reports tasks as they
   * finish, until {@code stopping} says so.
   */
  void serve(BooleanSupplier stopping) {
    Services services = running(this.services);
    out.println();
    out.print(ServeBanner.text(services.apiPort(), running(kafka), running(postgres)));
    out.flush();
    FinishedTasks finished = new FinishedTasks(running(statistics), out, Instant.now());
    while (!stopping.getAsBoolean()) {
      try {
        finished.report();
      } catch (RuntimeException e) {
        if (stopping.getAsBoolean()) {
          return;
        }
        log.warn("Could not read finished tasks; trying again: {}", e.toString());
      }
      if (!pause(FinishedTasks.POLL_INTERVAL)) {
        return;
      }
    }
  }

  /** Stops everything, workers first and the database last; does nothing the second time. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    quietly("the sample workers", worker);
    quietly("the task submitter", submitter);
    quietly("the services", services);
    quietly("the broker", broker);
    quietly("the database", database);
  }

  synchronized boolean isClosed() {
    return closed;
  }

  private void timed(String what, Runnable action) {
    out.print("  " + what + " ... ");
    out.flush();
    long started = System.nanoTime();
    action.run();
    out.printf("%.1f s%n", (System.nanoTime() - started) / 1e9);
  }

  private static <T> T running(@Nullable T component) {
    if (component == null) {
      throw new IllegalStateException("the demo was not started; this indicates a bug");
    }
    return component;
  }

  private static <T> T joined(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  /** Sleeps; false when interrupted (the demo is stopping). */
  private static boolean pause(Duration duration) {
    try {
      Thread.sleep(duration);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void quietly(String what, @Nullable AutoCloseable component) {
    if (component == null) {
      return;
    }
    try {
      component.close();
    } catch (Exception e) {
      log.warn("Stopping {} failed; going on with the rest: {}", what, e.toString());
    }
  }
}
