package dev.tributary.processor.event;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The task-event relay.
 *
 * @param pollInterval how often the relay looks for events when nothing wakes it (events written by
 *     other replicas, or left by a crash between commit and publish)
 * @param batchSize events taken and published per transaction; the relay waits for the broker as
 *     long as the producer's delivery timeout, and retries the batch if it is not acknowledged
 */
@Validated
@ConfigurationProperties("tributary.events")
public record EventRelayProperties(
    @DefaultValue(DEFAULT_POLL_INTERVAL) @NotNull Duration pollInterval,
    @DefaultValue(DEFAULT_BATCH_SIZE) @Min(1) int batchSize) {

  public static final String DEFAULT_POLL_INTERVAL = "1s";
  public static final String DEFAULT_BATCH_SIZE = "500";
}
