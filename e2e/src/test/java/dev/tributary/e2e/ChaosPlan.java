package dev.tributary.e2e;

import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * How hard a chaos run pushes, from system properties the chaos profile sets: the fast variant by
 * default (one instance of each service, a few faults), the full one with {@code
 * tributary.chaos.full=true}.
 *
 * @param full two instances of each service, every kind of fault, figures written to the report
 * @param tasks how many tasks the workload sends
 * @param rate tasks sent per second
 * @param kills SIGKILLs to inject at least
 * @param faultPause the pause between faults, at random up to twice this
 * @param readOnlyFor how long PostgreSQL stays read-only
 * @param report where the figures go (RELIABILITY.md), in a full run
 * @param seed chooses the faults
 */
record ChaosPlan(
    boolean full,
    int tasks,
    int rate,
    int kills,
    Duration faultPause,
    Duration readOnlyFor,
    @Nullable Path report,
    long seed) {

  /** Partitions of every topic: room for two of each service. */
  static final int PARTITIONS = 4;

  /** The step timeout of the workload's templates: workers go away for three times this. */
  static final Duration STEP_TIMEOUT = Duration.ofSeconds(5);

  static ChaosPlan fromSystemProperties() {
    boolean full = Boolean.getBoolean("tributary.chaos.full");
    String report = System.getProperty("tributary.chaos.report");
    return new ChaosPlan(
        full,
        // The fast variant's workload lasts about as long as its faults.
        Integer.getInteger("tributary.chaos.tasks", full ? 10_000 : 180),
        Integer.getInteger("tributary.chaos.rate", full ? 12 : 3),
        Integer.getInteger("tributary.chaos.kills", full ? 100 : 4),
        Duration.ofSeconds(full ? 4 : 3),
        Duration.ofSeconds(full ? 30 : 8),
        report == null || report.isBlank() ? null : Path.of(report),
        Long.getLong("tributary.chaos.seed", System.nanoTime()));
  }

  /** Instances of each service. */
  int instances() {
    return full ? 2 : 1;
  }
}
