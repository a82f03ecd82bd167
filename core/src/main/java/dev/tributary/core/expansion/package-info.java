/**
 * What decision and batch outcomes create: whether an outcome fits its step, and the steps and
 * edges it creates, planned from the compiled template.
 */
@NullMarked
package dev.tributary.core.expansion;

import org.jspecify.annotations.NullMarked;
