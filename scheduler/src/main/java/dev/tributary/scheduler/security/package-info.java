/**
 * Who may use the scheduler's HTTP endpoints, which are the actuator's only: the health probes are
 * open, metrics and info need a user of {@code tributary.security.users}, as on the processor.
 */
@NullMarked
package dev.tributary.scheduler.security;

import org.jspecify.annotations.NullMarked;
