package dev.tributary.bench.report;

import dev.tributary.bench.infra.Infrastructure;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The machine and servers a run used, as they report themselves.
 *
 * @param cpu the CPU model
 * @param cores processors available to the JVM
 * @param memory total memory
 * @param os the operating system and kernel
 * @param jdk the JVM running the benchmark and the services
 * @param jvmArguments its arguments
 * @param postgres where PostgreSQL comes from
 * @param postgresSettings its version and settings, read from the server
 * @param kafka where Kafka comes from
 * @param kafkaVersion the broker's version
 * @param loadAverage the load average when the run started (other work on the machine)
 * @param cpuPressure the share of the last minute some task waited for a CPU when the run started
 *     (Linux pressure stall information), e.g. "12.3 %"
 */
public record Machine(
    String cpu,
    int cores,
    String memory,
    String os,
    String jdk,
    String jvmArguments,
    String postgres,
    Map<String, String> postgresSettings,
    String kafka,
    String kafkaVersion,
    String loadAverage,
    String cpuPressure) {

  public static Machine describe(Infrastructure infrastructure) {
    return new Machine(
        readCpu(),
        Runtime.getRuntime().availableProcessors(),
        readMemory(),
        readOs(),
        System.getProperty("java.vm.name")
            + " "
            + System.getProperty("java.runtime.version")
            + " ("
            + System.getProperty("java.vm.vendor")
            + ")",
        String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()),
        infrastructure.postgres().description(),
        infrastructure.postgres().settings(),
        infrastructure.kafka().description(),
        infrastructure.kafka().version(),
        currentLoadAverage(),
        currentCpuPressure());
  }

  /** The 1-minute load average as a number, or -1 when unknown. */
  public double oneMinuteLoad() {
    try {
      return Double.parseDouble(loadAverage.split(",", -1)[0].trim());
    } catch (RuntimeException e) {
      return -1;
    }
  }

  /**
   * How much of the last minute some task waited for a CPU, from /proc/pressure/cpu ("some avg60");
   * "unknown" where the kernel does not report it.
   */
  public static String currentCpuPressure() {
    for (String line : lines(Path.of("/proc/pressure/cpu"))) {
      if (line.startsWith("some")) {
        for (String field : line.split("\\s+", -1)) {
          if (field.startsWith("avg60=")) {
            return field.substring("avg60=".length()) + " %";
          }
        }
      }
    }
    return "unknown";
  }

  /** The 1, 5 and 15 minute load averages, from /proc/loadavg. */
  public static String currentLoadAverage() {
    List<String> line = lines(Path.of("/proc/loadavg"));
    if (line.isEmpty()) {
      return "unknown";
    }
    String[] fields = line.getFirst().split("\\s+", -1);
    return fields.length < 3 ? "unknown" : fields[0] + ", " + fields[1] + ", " + fields[2];
  }

  private static String readCpu() {
    for (String line : lines(Path.of("/proc/cpuinfo"))) {
      if (line.startsWith("model name")) {
        return line.substring(line.indexOf(':') + 1).trim();
      }
    }
    return System.getProperty("os.arch");
  }

  private static String readMemory() {
    for (String line : lines(Path.of("/proc/meminfo"))) {
      if (line.startsWith("MemTotal:")) {
        long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
        return String.format(Locale.ROOT, "%.1f GiB", kib / 1024.0 / 1024.0);
      }
    }
    return String.format(
        Locale.ROOT, "unknown (JVM max heap %.1f GiB)", Runtime.getRuntime().maxMemory() / 1e9);
  }

  private static String readOs() {
    String name = System.getProperty("os.name");
    for (String line : lines(Path.of("/etc/os-release"))) {
      if (line.startsWith("PRETTY_NAME=")) {
        name = line.substring("PRETTY_NAME=".length()).replace("\"", "");
      }
    }
    return name + ", kernel " + System.getProperty("os.version");
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }
}
