/** Retention: finished tasks past their keeping period removed in the background. */
@NullMarked
package dev.tributary.scheduler.retention;

import org.jspecify.annotations.NullMarked;
