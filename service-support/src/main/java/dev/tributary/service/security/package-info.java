/**
 * Who may use the services' HTTP endpoints: HTTP Basic users from configuration (a Secret in
 * Kubernetes), with a read-only role and an operator role. The health probes are open; the
 * processor's REST API and every other actuator endpoint (metrics, info) need a user.
 */
@NullMarked
package dev.tributary.service.security;

import org.jspecify.annotations.NullMarked;
