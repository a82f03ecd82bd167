/**
 * Operator actions: retry a failed step (a blocked task resumes by itself), resolve a step by hand,
 * cancel a task, and explain why a task is not progressing.
 */
@NullMarked
package dev.tributary.processor.operator;

import org.jspecify.annotations.NullMarked;
