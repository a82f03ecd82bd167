/** Counting the statements each unit of work sends to the database. */
@NullMarked
package dev.tributary.store.metrics;

import org.jspecify.annotations.NullMarked;
