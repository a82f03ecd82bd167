package dev.tributary.bench.system;

import dev.tributary.contracts.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The simulated side of a run: workers that answer every dispatch at once, the feeder that requests
 * tasks, and the probe that times scheduling signals. The feeder records when it requested each
 * task in {@code requestTimes}, and the workers read it from there.
 */
public record Workload(
    InstantWorkers workers, TaskFeeder feeder, SignalProbe probe, Map<String, Long> requestTimes)
    implements AutoCloseable {

  private static final Duration ASSIGNMENT_TIMEOUT = Duration.ofSeconds(60);

  /** Starts all three and waits until the workers own their partitions. */
  public static Workload start(
      String bootstrapServers, Topics topics, boolean sendStarted, String measuredPrefix) {
    Map<String, Long> requestTimes = new ConcurrentHashMap<>();
    InstantWorkers workers =
        new InstantWorkers(
            bootstrapServers,
            topics,
            TaskFeeder.NAMESPACE,
            sendStarted,
            requestTimes,
            measuredPrefix);
    TaskFeeder feeder = null;
    try {
      feeder = new TaskFeeder(bootstrapServers, topics, requestTimes);
      Workload workload =
          new Workload(workers, feeder, new SignalProbe(bootstrapServers, topics), requestTimes);
      workers.awaitAssignment(ASSIGNMENT_TIMEOUT);
      return workload;
    } catch (RuntimeException e) {
      if (feeder != null) {
        feeder.close();
      }
      workers.close();
      throw e;
    }
  }

  @Override
  public void close() {
    probe.close();
    feeder.close();
    workers.close();
  }
}
