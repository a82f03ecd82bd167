/** The processor's REST API: tasks and templates, errors as problem details (RFC 9457). */
@NullMarked
package dev.tributary.processor.web;

import org.jspecify.annotations.NullMarked;
