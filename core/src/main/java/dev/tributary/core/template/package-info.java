/**
 * Workflow templates: the YAML model, its parser and validation, and the creation plan derived from
 * it (which steps exist when a task starts and which are created by decision and batch outcomes).
 */
@NullMarked
package dev.tributary.core.template;

import org.jspecify.annotations.NullMarked;
