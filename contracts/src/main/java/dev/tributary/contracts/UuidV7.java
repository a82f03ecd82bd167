package dev.tributary.contracts;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Time-ordered UUIDs (RFC 9562 version 7): 48 bits of Unix milliseconds, then random bits. Ids made
 * in one JVM are strictly increasing, even within a millisecond, so rows inserted in id order stay
 * in time order and B-tree inserts stay at the right edge of the index.
 */
public final class UuidV7 {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Clock CLOCK = Clock.systemUTC();

  /** The last (millis << 12 | sequence) handed out, for monotonicity within a millisecond. */
  private static final AtomicLong LAST = new AtomicLong();

  private UuidV7() {}

  /** A new version 7 UUID. */
  public static UUID generate() {
    long stamp = nextStamp(CLOCK.millis());
    long millis = stamp >>> 12;
    long sequence = stamp & 0xFFF;
    long msb = (millis << 16) | 0x7000L | sequence;
    long lsb = (RANDOM.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return new UUID(msb, lsb);
  }

  /** The Unix milliseconds a version 7 UUID was made at. */
  public static long millisOf(UUID uuid) {
    if (uuid.version() != 7) {
      throw new IllegalArgumentException(uuid + " is not a version 7 UUID");
    }
    return uuid.getMostSignificantBits() >>> 16;
  }

  private static long nextStamp(long nowMillis) {
    return LAST.updateAndGet(last -> Math.max(last + 1, nowMillis << 12));
  }
}
