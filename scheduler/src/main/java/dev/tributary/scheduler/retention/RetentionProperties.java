package dev.tributary.scheduler.retention;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long finished tasks are kept, and how the scheduler removes them.
 *
 * @param enabled whether the scheduler removes finished tasks at all
 * @param keepFinishedFor how long a task is kept after it finished (complete, cancelled or resolved
 *     by hand), with its steps, edges and audit rows; the audit's monthly partitions are dropped
 *     once their month ends this long ago. Unfinished tasks are never removed
 * @param interval pause between runs
 * @param batchSize tasks removed per statement (and per transaction): small enough that a batch
 *     holds its locks for milliseconds
 * @param batchesPerRun most batches per run; a backlog (e.g. after retention was shortened) drains
 *     over several runs rather than in one long burst
 */
@Validated
@ConfigurationProperties("tributary.retention")
public record RetentionProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("30d") @NotNull Duration keepFinishedFor,
    @DefaultValue("5s") @NotNull Duration interval,
    @DefaultValue("1000") @Min(1) int batchSize,
    @DefaultValue("20") @Min(1) int batchesPerRun) {}
