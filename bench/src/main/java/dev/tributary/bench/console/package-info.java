/**
 * What the benchmark prints while it runs: status lines and a progress indicator on standard
 * output. Everything the services log goes to the log file instead, so the terminal stays readable.
 */
@NullMarked
package dev.tributary.bench.console;

import org.jspecify.annotations.NullMarked;
