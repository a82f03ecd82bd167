/**
 * The report: BENCHMARKS.md with the figures next to the older engines' and the targets, pass or
 * miss computed from the figures, the machine it ran on, and SVG charts drawn here.
 */
@NullMarked
package dev.tributary.bench.report;

import org.jspecify.annotations.NullMarked;
