/** Housekeeping: audit partitions ahead of time. */
@NullMarked
package dev.tributary.store.maintenance;

import org.jspecify.annotations.NullMarked;
