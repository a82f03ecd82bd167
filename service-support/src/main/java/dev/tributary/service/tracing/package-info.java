/**
 * Trace context across the services' Kafka hops and the database: spans of the services' own work
 * on messages, parented by the W3C {@code traceparent} the messages carry or the store kept.
 */
@NullMarked
package dev.tributary.service.tracing;

import org.jspecify.annotations.NullMarked;
