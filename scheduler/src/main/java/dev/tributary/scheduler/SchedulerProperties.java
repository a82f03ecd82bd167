package dev.tributary.scheduler;

import dev.tributary.contracts.Limits;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the scheduler claims and sweeps.
 *
 * @param claimLimit most steps claimed by one statement; a poll of signals claims in rounds of this
 *     size until nothing is left
 * @param maxDependencyResults most dependency results one dispatch carries (the first, by step
 *     name); a step with more dependencies gets a count of what was left out and reads the rest
 *     through the processor's REST API. The contract states the default ({@link
 *     Limits#MAX_DEPENDENCY_RESULTS_PER_DISPATCH}) to workers
 * @param sweepInterval pause between sweeps
 * @param sweepLimit most steps each kind of sweep handles per tick
 * @param expiryGrace how long after an expired dispatch was reported it is reported again, if the
 *     report did not lead to a retry (e.g. it was lost)
 * @param auditPartitionsAhead monthly audit partitions kept created ahead of time
 */
@Validated
@ConfigurationProperties("tributary.scheduler")
public record SchedulerProperties(
    @DefaultValue(DEFAULT_CLAIM_LIMIT) @Min(1) int claimLimit,
    @DefaultValue(DEFAULT_MAX_DEPENDENCY_RESULTS) @Min(0) int maxDependencyResults,
    @DefaultValue(DEFAULT_SWEEP_INTERVAL) @NotNull Duration sweepInterval,
    @DefaultValue(DEFAULT_SWEEP_LIMIT) @Min(1) int sweepLimit,
    @DefaultValue(DEFAULT_EXPIRY_GRACE) @NotNull Duration expiryGrace,
    @DefaultValue(DEFAULT_AUDIT_PARTITIONS_AHEAD) @Min(1) int auditPartitionsAhead) {

  public static final String DEFAULT_CLAIM_LIMIT = "1000";
  public static final String DEFAULT_MAX_DEPENDENCY_RESULTS =
      "" + Limits.MAX_DEPENDENCY_RESULTS_PER_DISPATCH;
  public static final String DEFAULT_SWEEP_INTERVAL = "1s";
  public static final String DEFAULT_SWEEP_LIMIT = "1000";
  public static final String DEFAULT_EXPIRY_GRACE = "30s";
  public static final String DEFAULT_AUDIT_PARTITIONS_AHEAD = "2";
}
