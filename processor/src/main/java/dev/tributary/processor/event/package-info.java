/** Publishing task events from the outbox after commit, in order, at least once. */
@NullMarked
package dev.tributary.processor.event;

import org.jspecify.annotations.NullMarked;
