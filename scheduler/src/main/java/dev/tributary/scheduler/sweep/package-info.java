/** The sweep: the guarantee behind the signals, run on a timer by every scheduler replica. */
@NullMarked
package dev.tributary.scheduler.sweep;

import org.jspecify.annotations.NullMarked;
