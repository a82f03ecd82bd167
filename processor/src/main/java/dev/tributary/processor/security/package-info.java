/**
 * Who may use the REST API: HTTP Basic users from configuration (credentials from a Secret), with a
 * read-only role and an operator role; health probes and metrics stay open for the platform.
 */
@NullMarked
package dev.tributary.processor.security;

import org.jspecify.annotations.NullMarked;
