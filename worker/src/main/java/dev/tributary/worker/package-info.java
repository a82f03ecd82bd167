/**
 * Write Tributary workers: declare {@link dev.tributary.worker.StepHandler}s (or annotate Spring
 * bean methods with {@link dev.tributary.worker.TributaryHandler}), and a {@link
 * dev.tributary.worker.TributaryWorker} consumes the steps the scheduler dispatches to their
 * namespaces, runs them with bounded concurrency and before their deadlines, and publishes their
 * results.
 *
 * <p>A minimal worker:
 *
 * <pre>{@code
 * WorkerOptions options =
 *     WorkerOptions.builder().bootstrapServers("localhost:9092").groupId("shop-workers").build();
 * TributaryWorker worker =
 *     TributaryWorker.builder(options)
 *         .handler("shop", "charge_card", context -> StepOutcome.success(charge(context.inputs())))
 *         .build();
 * worker.start();
 * // ... and on shutdown:
 * worker.close();
 * }</pre>
 *
 * <p>Everything under {@code dev.tributary.worker.internal} is an implementation detail.
 */
@NullMarked
package dev.tributary.worker;

import org.jspecify.annotations.NullMarked;
