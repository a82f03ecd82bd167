/**
 * Tributary's benchmarks, run by {@code ./tributary-bench} at the repository root: end-to-end
 * throughput and latency, statements per message, readiness at scale, the database floor, scaling
 * and sequential latency, written to BENCHMARKS.md. See {@link dev.tributary.bench.BenchOptions}
 * for the options.
 */
@NullMarked
package dev.tributary.bench;

import org.jspecify.annotations.NullMarked;
