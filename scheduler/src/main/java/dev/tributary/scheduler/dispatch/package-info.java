/** Claiming ready steps and producing their dispatch messages. */
@NullMarked
package dev.tributary.scheduler.dispatch;

import org.jspecify.annotations.NullMarked;
