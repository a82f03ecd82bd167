/**
 * What the processor and the scheduler share as Spring Boot services, wired by {@link
 * dev.tributary.service.TributaryServiceAutoConfiguration}: topic names, the clock, statement
 * counting, dead letters and Kafka error handling.
 */
@NullMarked
package dev.tributary.service;

import org.jspecify.annotations.NullMarked;
