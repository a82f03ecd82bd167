/**
 * The worker conformance kit: a command that plays Tributary's scheduler and processor on Kafka
 * towards a worker under test, in any language. It sends dispatches to {@code steps.<namespace>},
 * reads the worker's answers on {@code step-results} and prints a pass or fail line per contract
 * rule. {@link dev.tributary.conformance.ConformanceKit} is the entry point; docs/conformance.md
 * describes the handlers a worker implements for it.
 */
@NullMarked
package dev.tributary.conformance;

import org.jspecify.annotations.NullMarked;
