/**
 * How a worker works; not an API. One polling thread ({@link
 * dev.tributary.worker.internal.DispatchLoop}) owns the Kafka consumer, the per-partition offset
 * bookkeeping and the back-pressure; handlers run on virtual threads ({@link
 * dev.tributary.worker.internal.Execution}); results go out through one idempotent producer ({@link
 * dev.tributary.worker.internal.ResultPublisher}), whose acknowledgements come back to the polling
 * thread as events.
 */
@NullMarked
package dev.tributary.worker.internal;

import org.jspecify.annotations.NullMarked;
