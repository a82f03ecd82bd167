/**
 * Decision and batch outcomes: whether an outcome fits its step's template, and which steps and
 * edges it creates (the selected branches up to the next decision, batch workers, and the
 * convergence steps whose dependencies now exist).
 */
@NullMarked
package dev.tributary.processor.expansion;

import org.jspecify.annotations.NullMarked;
