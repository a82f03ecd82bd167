package dev.tributary.processor.expansion;

import dev.tributary.contracts.Limits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits on steps created at run time.
 *
 * @param maxBatches the most batch workers one batchable step may create; an outcome asking for
 *     more fails the step with the reason, rather than flooding the database. The contract states
 *     the default ({@link Limits#MAX_BATCHES_PER_OUTCOME}) to workers
 */
@Validated
@ConfigurationProperties("tributary.expansion")
public record ExpansionProperties(
    @DefaultValue(DEFAULT_MAX_BATCHES) @Min(1) @Max(1_000_000) int maxBatches) {

  public static final String DEFAULT_MAX_BATCHES = "" + Limits.MAX_BATCHES_PER_OUTCOME;
}
