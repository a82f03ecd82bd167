/** Scheduling signals: "this task changed", sent to the scheduler after each commit. */
@NullMarked
package dev.tributary.processor.signal;

import org.jspecify.annotations.NullMarked;
