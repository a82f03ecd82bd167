/**
 * Health indicators the services add to Spring Boot's: the broker check of the readiness group.
 * Liveness never depends on the database or the broker, so an outage takes replicas out of service
 * without restarting them.
 */
@NullMarked
package dev.tributary.service.health;

import org.jspecify.annotations.NullMarked;
