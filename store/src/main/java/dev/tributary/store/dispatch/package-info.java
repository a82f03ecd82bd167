/**
 * Claiming steps for dispatch: ready steps of signalled tasks, ready steps no signal reached,
 * retries whose backoff passed, and dispatches whose deadline passed. Each claim is one statement
 * ({@code FOR UPDATE SKIP LOCKED}, so any number of schedulers claim safely) that also returns
 * everything the dispatch message carries.
 */
@NullMarked
package dev.tributary.store.dispatch;

import org.jspecify.annotations.NullMarked;
