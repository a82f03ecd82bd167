/**
 * The scheduler service: claims the ready steps of signalled tasks and dispatches them to their
 * namespace's topic; sweeps retries whose backoff passed, ready steps no signal reached and
 * dispatches whose deadline passed.
 */
@NullMarked
package dev.tributary.scheduler;

import org.jspecify.annotations.NullMarked;
