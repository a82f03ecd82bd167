/** Latency samples and their percentiles. */
@NullMarked
package dev.tributary.bench.measure;

import org.jspecify.annotations.NullMarked;
