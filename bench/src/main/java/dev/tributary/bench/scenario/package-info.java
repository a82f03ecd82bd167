/**
 * The scenarios: end-to-end throughput (and scaling with two processors), statements per message,
 * readiness at scale, the database floor and sequential latency. Each runs on an environment of its
 * own and returns its figures; none prints them (the report does).
 */
@NullMarked
package dev.tributary.bench.scenario;

import org.jspecify.annotations.NullMarked;
