package dev.tributary.testkit;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** Unique topic prefixes, so that tests sharing one broker never read each other's messages. */
public final class TestTopics {

  private static final AtomicInteger COUNTER = new AtomicInteger();

  private TestTopics() {}

  /** A prefix no other test in any JVM uses, ending in a dot. */
  public static String uniquePrefix() {
    return "t"
        + COUNTER.incrementAndGet()
        + "-"
        + UUID.randomUUID().toString().substring(0, 8)
        + ".";
  }
}
