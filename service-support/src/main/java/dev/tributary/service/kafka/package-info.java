/** Kafka topics and failure handling for the services' listeners. */
@NullMarked
package dev.tributary.service.kafka;

import org.jspecify.annotations.NullMarked;
