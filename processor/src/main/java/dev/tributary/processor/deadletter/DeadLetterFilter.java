package dev.tributary.processor.deadletter;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Which dead letters to list or replay.
 *
 * @param originTopic only those read from this topic
 * @param reasonContains only those whose reason contains this text, ignoring case
 * @param includeReplayed also those already replayed; no when absent
 */
public record DeadLetterFilter(
    @Nullable String originTopic,
    @Nullable String reasonContains,
    @Nullable Boolean includeReplayed) {

  boolean matches(DeadLetter letter) {
    return (originTopic == null || originTopic.equals(letter.originTopic()))
        && (reasonContains == null
            || (letter.reason() != null
                && letter
                    .reason()
                    .toLowerCase(Locale.ROOT)
                    .contains(reasonContains.toLowerCase(Locale.ROOT))))
        && (Boolean.TRUE.equals(includeReplayed) || letter.replayed() == null);
  }
}
