package dev.tributary.e2e;

import static dev.tributary.store.schema.Tables.TASKS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.contracts.JsonCodec;
import dev.tributary.contracts.TaskRequest;
import dev.tributary.contracts.TaskState;
import dev.tributary.testkit.Invariants;
import dev.tributary.testkit.KafkaProbe;
import dev.tributary.testkit.TestEnvironment;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The soak: a processor, a scheduler and simulated workers run diamonds submitted at a fixed rate
 * on the task-requests topic, for {@code tributary.soak.duration} (ISO-8601, default {@code
 * PT10M}). Every interval it samples throughput (tasks completed), heap used after a full GC, and
 * the consumer lag of the processor's and the scheduler's groups; at the end it asserts that
 * throughput stayed with the submission rate, heap after GC did not trend up, and lag did not grow,
 * then that every task completed and the invariants hold. Runs only with {@code -Psoak} (which sets
 * {@code tributary.soak=true}); see RELIABILITY.md.
 */
@EnabledIfSystemProperty(named = "tributary.soak", matches = "true")
class SoakIT {

  private static final Logger log = LoggerFactory.getLogger(SoakIT.class);
  private static final JsonCodec<TaskRequest> REQUESTS = JsonCodec.of(TaskRequest.class);

  private static final Duration DURATION =
      Duration.parse(System.getProperty("tributary.soak.duration", "PT10M"));

  /** Tasks submitted per second. */
  private static final int RATE = Integer.getInteger("tributary.soak.rate", 20);

  /** Samples taken over the run; the first is warm-up. */
  private static final int SAMPLES = 12;

  /** Throughput of the last samples may fall this far below the submission rate. */
  private static final double THROUGHPUT_TOLERANCE = 0.2;

  /** Heap after GC of the last samples may exceed the first steady ones by this fraction... */
  private static final double HEAP_TOLERANCE = 0.25;

  /** ...plus this much, for the noise of a small heap. */
  private static final long HEAP_SLACK_BYTES = 48L * 1024 * 1024;

  /** Lag below this many records is no lag at all at this rate. */
  private static final long LAG_FLOOR = 4L * RATE;

  record Sample(
      Duration at,
      long submitted,
      long completed,
      double throughput,
      long heapAfterGc,
      long processorLag,
      long schedulerLag) {}

  @Test
  @Timeout(value = 2, unit = TimeUnit.HOURS)
  void throughput_heap_and_lag_stay_flat_under_a_steady_load() throws Exception {
    TestEnvironment environment = TestEnvironment.create();
    DSLContext db = environment.database().dsl();
    Duration interval = DURATION.dividedBy(SAMPLES);
    AtomicLong submitted = new AtomicLong();
    List<Sample> samples = new ArrayList<>();
    ScheduledExecutorService submitter = Executors.newSingleThreadScheduledExecutor();
    try (Cluster cluster = new Cluster(environment, Clock.systemUTC());
        KafkaProbe kafka = new KafkaProbe(environment.bootstrapServers());
        Admin admin =
            Admin.create(
                Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, environment.bootstrapServers()))) {
      ConfigurableApplicationContext processor = cluster.startProcessor();
      ConfigurableApplicationContext scheduler = cluster.startScheduler();
      String processorGroup =
          processor.getEnvironment().getProperty("spring.kafka.consumer.group-id");
      String schedulerGroup =
          scheduler.getEnvironment().getProperty("spring.kafka.consumer.group-id");
      // Closed in finally rather than by try-with-resources: the body never refers to it.
      SimulatedWorkers workers =
          new SimulatedWorkers(
              environment.bootstrapServers(),
              environment.topics(),
              "e2e",
              SimulatedWorkers.succeeding(),
              false);
      try {
        // Ten submissions a second, RATE tasks a second in all. Not awaited: a periodic task's
        // future completes only when the task throws, which stops the submissions; that is logged.
        ScheduledFuture<?> unused =
            submitter.scheduleAtFixedRate(
                () -> {
                  try {
                    for (int i = 0; i < Math.max(1, RATE / 10); i++) {
                      String key = "soak-" + UUID.randomUUID();
                      TaskRequest request =
                          TaskRequest.of(
                                  "e2e",
                                  "diamond",
                                  JsonNodeFactory.instance.objectNode().put("n", submitted.get()))
                              .withIdempotencyKey(key);
                      kafka.send(
                          environment.topics().taskRequests(), key, REQUESTS.encode(request));
                      submitted.incrementAndGet();
                    }
                  } catch (RuntimeException e) {
                    log.error("Soak submissions stopped after {} tasks", submitted.get(), e);
                    throw e;
                  }
                },
                0,
                100,
                TimeUnit.MILLISECONDS);
        long start = System.nanoTime();
        long lastCompleted = 0;
        for (int i = 1; i <= SAMPLES; i++) {
          long due = start + interval.toNanos() * i;
          long now;
          // A soak runs in real time: wait for the sample's moment.
          while ((now = System.nanoTime()) < due) {
            TimeUnit.NANOSECONDS.sleep(Math.min(due - now, 1_000_000_000L));
          }
          long completed = db.fetchCount(TASKS, TASKS.STATE.eq(TaskState.COMPLETE));
          Sample sample =
              new Sample(
                  Duration.ofNanos(System.nanoTime() - start),
                  submitted.get(),
                  completed,
                  (completed - lastCompleted) / (interval.toMillis() / 1000.0),
                  heapAfterGc(),
                  lag(admin, processorGroup, environment.topics().prefix()),
                  lag(admin, schedulerGroup, environment.topics().prefix()));
          lastCompleted = completed;
          samples.add(sample);
          log.info("Soak sample {}/{}: {}", i, SAMPLES, sample);
        }
        submitter.shutdown();
        assertThat(submitter.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        log.info("Soak report ({} at {} tasks/s):\n{}", DURATION, RATE, report(samples));
        await().atMost(Duration.ofSeconds(60)).until(() -> db.fetchCount(TASKS) == submitted.get());
        Workflows.awaitState(db, db.fetchValues(TASKS.ID), TaskState.COMPLETE);
      } finally {
        workers.close();
      }
    } finally {
      submitter.shutdownNow();
    }
    Invariants.assertAll(db);
    assertFlat(samples);
  }

  /** The assertions on the samples; the first sample is warm-up. */
  private static void assertFlat(List<Sample> samples) {
    List<Sample> steady = samples.subList(1, samples.size());
    int third = Math.max(1, steady.size() / 3);
    List<Sample> first = steady.subList(0, third);
    List<Sample> last = steady.subList(steady.size() - third, steady.size());
    double lastThroughput = last.stream().mapToDouble(Sample::throughput).average().orElseThrow();
    assertThat(lastThroughput)
        .as("tasks completed per second in the last samples, submitted at %d/s", RATE)
        .isGreaterThanOrEqualTo(RATE * (1 - THROUGHPUT_TOLERANCE));
    double firstHeap = first.stream().mapToLong(Sample::heapAfterGc).average().orElseThrow();
    double lastHeap = last.stream().mapToLong(Sample::heapAfterGc).average().orElseThrow();
    assertThat(lastHeap)
        .as("heap after GC in the last samples (first steady ones: %.0f bytes)", firstHeap)
        .isLessThanOrEqualTo(firstHeap * (1 + HEAP_TOLERANCE) + HEAP_SLACK_BYTES);
    for (var lag :
        List.<java.util.function.ToLongFunction<Sample>>of(
            Sample::processorLag, Sample::schedulerLag)) {
      long firstMax = first.stream().mapToLong(lag).max().orElseThrow();
      long lastMax = last.stream().mapToLong(lag).max().orElseThrow();
      assertThat(lastMax)
          .as("consumer lag in the last samples (first steady ones at most %d)", firstMax)
          .isLessThanOrEqualTo(Math.max(2 * firstMax, LAG_FLOOR));
    }
  }

  private static long heapAfterGc() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** Records of this run's topics not yet consumed by the group: end offsets less committed. */
  private static long lag(Admin admin, String group, String topicPrefix)
      throws ExecutionException, InterruptedException {
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin
            .listConsumerGroupOffsets(group)
            .partitionsToOffsetAndMetadata()
            .get()
            .entrySet()
            .stream()
            .filter(e -> e.getKey().topic().startsWith(topicPrefix) && e.getValue() != null)
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    if (committed.isEmpty()) {
      return 0;
    }
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
    Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
        admin.listOffsets(latest).all().get();
    long lag = 0;
    for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : committed.entrySet()) {
      lag += Math.max(0, ends.get(entry.getKey()).offset() - entry.getValue().offset());
    }
    return lag;
  }

  private static String report(List<Sample> samples) {
    StringBuilder table =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%8s %10s %10s %10s %12s %14s %14s%n",
                "at",
                "submitted",
                "completed",
                "tasks/s",
                "heap MiB",
                "processor lag",
                "scheduler lag"));
    for (Sample s : samples) {
      table.append(
          String.format(
              Locale.ROOT,
              "%8s %10d %10d %10.1f %12.1f %14d %14d%n",
              s.at().toSeconds() + "s",
              s.submitted(),
              s.completed(),
              s.throughput(),
              s.heapAfterGc() / (1024.0 * 1024.0),
              s.processorLag(),
              s.schedulerLag()));
    }
    return table.toString();
  }
}
