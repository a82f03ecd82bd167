package dev.tributary.bench.scenario;

import static dev.tributary.store.schema.Tables.WORKFLOW_STEPS;

import dev.tributary.bench.console.Progress;
import dev.tributary.bench.infra.BenchDatabase;
import dev.tributary.bench.infra.Infrastructure;
import dev.tributary.bench.infra.ScenarioEnvironment;
import dev.tributary.bench.measure.LatencySummary;
import dev.tributary.bench.measure.Samples;
import dev.tributary.bench.system.BenchCluster;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jooq.Record2;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latency floor of one stage's parts on this machine, at a gentle rate: one Kafka hop (produce
 * with acks=all → a subscribed consumer has it, timed with {@link System#nanoTime()} in this JVM)
 * and one step transition committed alone (the guarded update and its audit row, one transaction,
 * one connection). A sequential stage crosses Kafka twice (result → processor, signal → scheduler)
 * and commits twice (the processor's transaction, the scheduler's claim), so it cannot be faster
 * than about two of each.
 */
public final class LatencyFloor {

  private static final Logger log = LoggerFactory.getLogger(LatencyFloor.class);
  private static final int SAMPLES = 400;
  private static final double PER_SECOND = 200;

  /**
   * The figures.
   *
   * @param kafkaHop produce → consumed, on a topic with as many partitions as the services' and a
   *     key per message (so messages spread over the partitions, as task ids do)
   * @param kafkaHopOnePartition the same on a topic of one partition
   * @param partitions the partitions of the first
   * @param commit one transition's update, audit insert and commit
   */
  public record Result(
      LatencySummary kafkaHop,
      LatencySummary kafkaHopOnePartition,
      int partitions,
      LatencySummary commit) {

    /** Two Kafka hops and two commits, at the median. */
    public double stageFloorMillis() {
      return 2 * kafkaHop.p50() + 2 * commit.p50();
    }
  }

  private LatencyFloor() {}

  public static Result run(Infrastructure infrastructure) {
    ScenarioEnvironment environment = infrastructure.prepare("latency_floor");
    try {
      try (BenchCluster cluster = environment.cluster()) {
        new ProcessorDriver(
                cluster.startProcessor("processor", "tributary.processor.listen=false").context())
            .create("pipeline", 100);
      }
      String spread = environment.topics().prefix() + "latency-probe";
      String single = environment.topics().prefix() + "latency-probe-1";
      infrastructure.kafka().createTopics(List.of(spread), infrastructure.partitions());
      infrastructure.kafka().createTopics(List.of(single), 1);
      LatencySummary hop = kafkaHop(environment.bootstrapServers(), spread);
      LatencySummary hopOnePartition = kafkaHop(environment.bootstrapServers(), single);
      LatencySummary commit = commit(environment.database());
      return new Result(hop, hopOnePartition, infrastructure.partitions(), commit);
    } finally {
      infrastructure.release(environment);
    }
  }

  @SuppressWarnings("try") // the progress indicator runs until the block ends
  private static LatencySummary kafkaHop(String bootstrapServers, String topic) {
    Properties consumerProperties = new Properties();
    consumerProperties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    consumerProperties.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-latency-" + UUID.randomUUID());
    consumerProperties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    consumerProperties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    consumerProperties.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    Properties producerProperties = new Properties();
    producerProperties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    producerProperties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    producerProperties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    producerProperties.put(ProducerConfig.ACKS_CONFIG, "all");
    producerProperties.put(ProducerConfig.LINGER_MS_CONFIG, 1);
    Samples samples = new Samples();
    AtomicInteger received = new AtomicInteger();
    CountDownLatch assigned = new CountDownLatch(1);
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    // The reader owns its consumer: subscribes, waits for its partition, then reads.
    Thread reader =
        Thread.ofPlatform()
            .name("bench-latency-reader")
            .start(
                () -> {
                  try (KafkaConsumer<String, byte[]> consumer =
                      new KafkaConsumer<>(consumerProperties)) {
                    consumer.subscribe(List.of(topic));
                    while (consumer.assignment().isEmpty() && System.nanoTime() < deadline) {
                      consumer.poll(Duration.ofMillis(50));
                    }
                    assigned.countDown();
                    while (received.get() < SAMPLES && System.nanoTime() < deadline) {
                      for (ConsumerRecord<String, byte[]> record :
                          consumer.poll(Duration.ofMillis(50))) {
                        long sent = ByteBuffer.wrap(record.value()).getLong();
                        samples.add((System.nanoTime() - sent) / 1e6);
                        received.incrementAndGet();
                      }
                    }
                  }
                });
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProperties);
        Progress progress =
            Progress.start("latency floor: Kafka hop", received::get, SAMPLES, "messages")) {
      assigned.await(60, TimeUnit.SECONDS);
      // Let the consumer's first fetch settle before timing.
      LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
      long interval = (long) (1e9 / PER_SECOND);
      long next = System.nanoTime();
      for (int i = 0; i < SAMPLES; i++) {
        LockSupport.parkNanos(Math.max(0, next - System.nanoTime()));
        next += interval;
        int sample = i;
        // Not awaited, to keep the rate; a message that is not sent is a missing sample, so the
        // failure is logged.
        Future<RecordMetadata> unused =
            producer.send(
                new ProducerRecord<>(
                    topic,
                    Integer.toString(i),
                    ByteBuffer.allocate(8).putLong(System.nanoTime()).array()),
                (metadata, error) -> {
                  if (error != null) {
                    log.warn("Latency sample {} was not sent; it will be missing", sample, error);
                  }
                });
      }
      producer.flush();
      reader.join(Duration.ofSeconds(60));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return samples.summary();
  }

  @SuppressWarnings("try") // the progress indicator runs until the block ends
  private static LatencySummary commit(BenchDatabase database) {
    List<Record2<UUID, UUID>> steps =
        database
            .dsl()
            .select(WORKFLOW_STEPS.ID, WORKFLOW_STEPS.TASK_ID)
            .from(WORKFLOW_STEPS)
            .limit(SAMPLES)
            .fetch();
    Samples samples = new Samples();
    AtomicInteger done = new AtomicInteger();
    // Plain JDBC on purpose, as in DatabaseFloor: the least a committed transition costs.
    try (Connection connection = database.dataSource().getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE workflow_steps SET state = 'enqueued', attempts = attempts + 1,"
                    + " updated_at = ? WHERE id = ? AND state = 'pending' AND attempts = 0");
        PreparedStatement audit =
            connection.prepareStatement(
                "INSERT INTO step_transitions"
                    + " (task_id, step_id, from_state, to_state, attempt, cause, occurred_at)"
                    + " VALUES (?, ?, 'pending', 'enqueued', 1, 'floor', ?)");
        Progress progress =
            Progress.start("latency floor: one commit", done::get, steps.size(), "commits")) {
      connection.setAutoCommit(false);
      long interval = (long) (1e9 / PER_SECOND);
      long next = System.nanoTime();
      for (Record2<UUID, UUID> step : steps) {
        LockSupport.parkNanos(Math.max(0, next - System.nanoTime()));
        next += interval;
        long started = System.nanoTime();
        Timestamp now = new Timestamp(System.currentTimeMillis());
        update.setTimestamp(1, now);
        update.setObject(2, step.value1());
        update.executeUpdate();
        audit.setObject(1, step.value2());
        audit.setObject(2, step.value1());
        audit.setTimestamp(3, now);
        audit.executeUpdate();
        connection.commit();
        samples.add((System.nanoTime() - started) / 1e6);
        done.incrementAndGet();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("the commit latency floor failed", e);
    }
    return samples.summary();
  }
}
