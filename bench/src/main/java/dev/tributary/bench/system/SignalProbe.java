package dev.tributary.bench.system;

import dev.tributary.bench.measure.Samples;
import dev.tributary.contracts.JsonCodec;
import dev.tributary.contracts.SchedulingSignal;
import dev.tributary.contracts.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the scheduling signals (in a consumer group of its own, so the scheduler's are untouched)
 * and remembers when each was produced, by task, so that a stage's latency splits into its two
 * hops: a result produced → the processor's signal for that task produced (consume, apply, commit),
 * and that signal → the dispatch produced (the scheduler's consume, claim, commit, send).
 */
public final class SignalProbe implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SignalProbe.class);
  private static final JsonCodec<SchedulingSignal> SIGNALS = JsonCodec.of(SchedulingSignal.class);

  private final KafkaConsumer<String, byte[]> consumer;
  private final Map<UUID, List<Long>> signalled = new HashMap<>();
  private final Thread thread;
  private volatile boolean running = true;

  public SignalProbe(String bootstrapServers, Topics topics) {
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    properties.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-signal-probe-" + UUID.randomUUID());
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    this.consumer = new KafkaConsumer<>(properties);
    consumer.subscribe(List.of(topics.schedulingSignals()));
    this.thread = Thread.ofPlatform().name("bench-signal-probe").start(this::run);
  }

  private void run() {
    try {
      while (running) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
          UUID task = SIGNALS.decode(record.value()).taskId();
          synchronized (signalled) {
            signalled.computeIfAbsent(task, t -> new ArrayList<>()).add(record.timestamp());
          }
        }
      }
    } catch (WakeupException stopping) {
      // close() woke the consumer up
    } catch (RuntimeException e) {
      log.warn("The signal probe stopped; stage hops will be incomplete", e);
    } finally {
      consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
  }

  /**
   * Splits stages into hops: for each, the first signal of its task produced at or after the
   * result, and no later than the dispatch.
   *
   * @param processor filled with result → signal, ms
   * @param scheduler filled with signal → dispatch, ms
   */
  public void split(List<InstantWorkers.Stage> stages, Samples processor, Samples scheduler) {
    Map<UUID, List<Long>> copy;
    synchronized (signalled) {
      copy = new HashMap<>(signalled);
    }
    for (InstantWorkers.Stage stage : stages) {
      List<Long> times = copy.getOrDefault(stage.taskId(), List.of());
      Long signal = null;
      List<Long> sorted = new ArrayList<>(times);
      Collections.sort(sorted);
      for (long at : sorted) {
        if (at >= stage.resultProducedAt() && at <= stage.dispatchProducedAt()) {
          signal = at;
          break;
        }
      }
      if (signal != null) {
        processor.add((double) (signal - stage.resultProducedAt()));
        scheduler.add((double) (stage.dispatchProducedAt() - signal));
      }
    }
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(Duration.ofSeconds(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
