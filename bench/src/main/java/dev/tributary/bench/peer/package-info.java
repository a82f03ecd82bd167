/**
 * Peer benchmarks: the same five-step pipeline as the end-to-end scenario, run on another durable
 * workflow engine on the same PostgreSQL server, so that steps per second and CPU per step can be
 * set side by side. {@link dev.tributary.bench.peer.DbosPipeline} runs it on DBOS Transact for
 * Java; {@link dev.tributary.bench.peer.DbosPipelineMain} runs that alone, for checking.
 */
@NullMarked
package dev.tributary.bench.peer;

import org.jspecify.annotations.NullMarked;
