/**
 * Template registration: at startup from the classpath or a directory, and through the API; the
 * catalog of compiled templates, cached by id.
 */
@NullMarked
package dev.tributary.processor.template;

import org.jspecify.annotations.NullMarked;
