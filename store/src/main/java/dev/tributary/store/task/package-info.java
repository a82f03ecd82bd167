/** Tasks: creating them with their steps and edges, and reading them whole. */
@NullMarked
package dev.tributary.store.task;

import org.jspecify.annotations.NullMarked;
