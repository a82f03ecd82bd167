package dev.tributary.conformance;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/** W3C trace context headers: new ones for dispatches, and the trace id of any. */
final class Traceparent {

  /** The header's form, as the contract's schema gives it. */
  static final Pattern FORM = Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");

  private Traceparent() {}

  /** A sampled trace context with a new trace id. */
  static String random() {
    HexFormat hex = HexFormat.of();
    byte[] trace = new byte[16];
    byte[] span = new byte[8];
    ThreadLocalRandom.current().nextBytes(trace);
    ThreadLocalRandom.current().nextBytes(span);
    return "00-" + hex.formatHex(trace) + "-" + hex.formatHex(span) + "-01";
  }

  /** The trace id of a well-formed header; the header itself when it is not well formed. */
  static String traceId(String traceparent) {
    return FORM.matcher(traceparent).matches() ? traceparent.substring(3, 35) : traceparent;
  }
}
