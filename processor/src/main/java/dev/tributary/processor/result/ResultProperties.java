package dev.tributary.processor.result;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How step results are applied.
 *
 * @param maxRetryAfter the longest delay a worker's {@code retry_after_ms} may ask for; longer
 *     requests are cut to this
 */
@Validated
@ConfigurationProperties("tributary.results")
public record ResultProperties(
    @DefaultValue(DEFAULT_MAX_RETRY_AFTER) @NotNull Duration maxRetryAfter) {

  public static final String DEFAULT_MAX_RETRY_AFTER = "1h";
}
