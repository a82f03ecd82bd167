/** Deciding a task's state from its steps, and recording the change with its event. */
@NullMarked
package dev.tributary.store.finalization;

import org.jspecify.annotations.NullMarked;
