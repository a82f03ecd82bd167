/**
 * What operators do to a workflow: retry a failed step, resolve a step by hand, cancel a task, and
 * ask why a task is not progressing. Each change is one guarded statement with its audit.
 */
@NullMarked
package dev.tributary.store.operator;

import org.jspecify.annotations.NullMarked;
