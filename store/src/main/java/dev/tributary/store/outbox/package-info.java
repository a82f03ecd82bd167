/** The task-event outbox: events written with the change that caused them, published after. */
@NullMarked
package dev.tributary.store.outbox;

import org.jspecify.annotations.NullMarked;
