/**
 * The step and task state machines as explicit tables (from, event, guard, to), the named state
 * sets the rest of the code uses, and the task-state decision. Everything that moves a step or a
 * task, in memory or in SQL, takes its rule from here; docs/state-machines.md is drawn from these
 * tables.
 */
@NullMarked
package dev.tributary.core.state;

import org.jspecify.annotations.NullMarked;
