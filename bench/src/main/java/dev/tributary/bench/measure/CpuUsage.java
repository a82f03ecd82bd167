package dev.tributary.bench.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where the machine's CPU time went during a measurement: this JVM (the services, the simulated
 * workers, the feeder), the Kafka broker's JVM, PostgreSQL's processes, and everything else on the
 * machine (other people's work included). Read from the processes' CPU times and /proc/stat, so it
 * shows whether the run was short of CPU and who used it.
 *
 * @param seconds wall-clock length of the measurement
 * @param cores cores of the machine
 * @param cpuSeconds CPU seconds by who used them
 */
public record CpuUsage(double seconds, int cores, Map<String, Double> cpuSeconds) {

  public static final String THIS_JVM = "services, workers and feeder (this JVM)";
  public static final String BROKER = "Kafka broker (its JVM)";
  public static final String POSTGRES = "PostgreSQL (all its processes)";
  public static final String OTHERS = "everything else on the machine";

  /** Share of the machine's capacity ({@code seconds × cores}) each used. */
  public double share(String who) {
    double capacity = seconds * cores;
    return capacity > 0 ? cpuSeconds.getOrDefault(who, 0.0) / capacity : 0;
  }

  /** CPU seconds of the system under test: every process but {@link #OTHERS}. */
  public double systemSeconds() {
    return cpuSeconds.entrySet().stream()
        .filter(e -> !e.getKey().equals(OTHERS))
        .mapToDouble(Map.Entry::getValue)
        .sum();
  }

  /** Milliseconds of CPU per unit of work (a step), by the system under test. */
  public double millisPer(double units) {
    return units > 0 ? systemSeconds() * 1000 / units : 0;
  }

  /** Milliseconds of CPU per unit of work (a step), by one process. */
  public double millisPer(String who, double units) {
    return units > 0 ? cpuSeconds.getOrDefault(who, 0.0) * 1000 / units : 0;
  }

  /**
   * A snapshot of CPU times; {@link Snapshot#until(Snapshot)} a later one gives the usage between.
   */
  public static Snapshot snapshot(Optional<ProcessHandle> broker, int postgresPort) {
    Map<String, Double> times = new LinkedHashMap<>();
    times.put(THIS_JVM, cpu(ProcessHandle.current()));
    times.put(BROKER, broker.map(CpuUsage::withDescendants).orElse(0.0));
    times.put(POSTGRES, postmaster(postgresPort).map(CpuUsage::withDescendants).orElse(0.0));
    return new Snapshot(System.nanoTime(), machineBusySeconds(), times);
  }

  /**
   * CPU times at one moment.
   *
   * @param nanos when, {@link System#nanoTime()}
   * @param machineBusy CPU seconds the whole machine had spent busy
   * @param byWho CPU seconds by who
   */
  public record Snapshot(long nanos, double machineBusy, Map<String, Double> byWho) {

    public CpuUsage until(Snapshot later) {
      Map<String, Double> used = new LinkedHashMap<>();
      double ours = 0;
      for (Map.Entry<String, Double> entry : byWho.entrySet()) {
        double delta =
            Math.max(0, later.byWho.getOrDefault(entry.getKey(), 0.0) - entry.getValue());
        used.put(entry.getKey(), delta);
        ours += delta;
      }
      if (machineBusy >= 0 && later.machineBusy >= 0) {
        used.put(OTHERS, Math.max(0, later.machineBusy - machineBusy - ours));
      }
      return new CpuUsage(
          (later.nanos - nanos) / 1e9, Runtime.getRuntime().availableProcessors(), used);
    }
  }

  /**
   * CPU seconds (user and system, all threads) a process has used so far, e.g. a worker JVM the
   * scenario started; 0 when unknown or after it ended.
   */
  public static double processCpuSeconds(ProcessHandle process) {
    return cpu(process);
  }

  private static double withDescendants(ProcessHandle process) {
    return Stream.concat(Stream.of(process), process.descendants())
        .mapToDouble(CpuUsage::cpu)
        .sum();
  }

  private static double cpu(ProcessHandle process) {
    return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L) / 1e9;
  }

  /** The PostgreSQL postmaster listening on the port, if it runs on this machine. */
  private static Optional<ProcessHandle> postmaster(int port) {
    if (port <= 0) {
      return Optional.empty();
    }
    return ProcessHandle.allProcesses()
        .filter(
            p ->
                p.info().command().map(c -> c.endsWith("/postgres")).orElse(false)
                    && p.info()
                        .arguments()
                        .map(args -> List.of(args).contains(String.valueOf(port)))
                        .orElse(false))
        .findFirst();
  }

  /** Busy CPU seconds of the whole machine since boot (/proc/stat), or -1 when unknown. */
  private static double machineBusySeconds() {
    try {
      String[] fields =
          Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+", -1);
      long busy = 0;
      for (int i = 1; i < fields.length && i <= 8; i++) {
        if (i != 4 && i != 5) { // idle and iowait are not busy
          busy += Long.parseLong(fields[i]);
        }
      }
      return busy / 100.0; // USER_HZ
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
