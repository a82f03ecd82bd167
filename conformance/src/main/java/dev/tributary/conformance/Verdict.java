package dev.tributary.conformance;

/**
 * How a rule fared.
 *
 * @param rule the rule's name
 * @param passed whether the worker kept it
 * @param detail what was seen, in a line
 */
record Verdict(String rule, boolean passed, String detail) {

  static Verdict pass(String rule, String detail) {
    return new Verdict(rule, true, detail);
  }

  static Verdict fail(String rule, String detail) {
    return new Verdict(rule, false, detail);
  }

  /** The line the kit prints. */
  String line() {
    return "%-4s  %-31s %s".formatted(passed ? "PASS" : "FAIL", rule, detail);
  }
}
