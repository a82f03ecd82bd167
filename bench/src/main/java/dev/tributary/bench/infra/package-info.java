/**
 * What the benchmarks run on: a PostgreSQL server started with production durability settings and a
 * Kafka broker in a JVM of its own, unless external ones are named by environment variables ({@code
 * TRIBUTARY_BENCH_POSTGRES_URL}, {@code TRIBUTARY_BENCH_POSTGRES_USER}, {@code
 * TRIBUTARY_BENCH_POSTGRES_PASSWORD}, {@code TRIBUTARY_BENCH_KAFKA_BOOTSTRAP_SERVERS}), which win.
 * Each scenario gets a fresh migrated database and a topic prefix of its own.
 */
@NullMarked
package dev.tributary.bench.infra;

import org.jspecify.annotations.NullMarked;
