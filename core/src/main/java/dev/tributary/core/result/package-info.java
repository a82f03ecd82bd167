/**
 * A poll's step results folded onto the steps' loaded state: per message a verdict, per step at
 * most one guarded transition with its audit hops, following {@link
 * dev.tributary.core.state.StepMachine}.
 */
@NullMarked
package dev.tributary.core.result;

import org.jspecify.annotations.NullMarked;
