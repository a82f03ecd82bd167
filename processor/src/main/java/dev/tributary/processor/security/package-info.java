/**
 * Who may use the REST API: the users of {@code tributary.security.users} (credentials from a
 * Secret), readers for GET and operators for everything. The actuator's rules (health probes open,
 * metrics for users) are the services' shared ones, in {@code dev.tributary.service.security}.
 */
@NullMarked
package dev.tributary.processor.security;

import org.jspecify.annotations.NullMarked;
