/**
 * Creating tasks from task requests (Kafka or REST): identity keys, one statement per batch of
 * requests for every task, step and edge, and signals to the scheduler after commit.
 */
@NullMarked
package dev.tributary.processor.task;

import org.jspecify.annotations.NullMarked;
