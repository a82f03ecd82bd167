/**
 * Applying step results: one query loads the context of every message of a poll, one guarded
 * statement applies every transition with its audit rows and dependency counters.
 */
@NullMarked
package dev.tributary.store.result;

import org.jspecify.annotations.NullMarked;
