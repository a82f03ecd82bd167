/**
 * Workflow templates: the YAML model, its parser and validation, the creation plan derived from it
 * (which steps exist when a task starts and which are created by decision and batch outcomes), and
 * registration at startup and through the API.
 */
@NullMarked
package dev.tributary.processor.template;

import org.jspecify.annotations.NullMarked;
