/**
 * The integration-test fixture shared by every module: one real PostgreSQL and one real Kafka
 * broker per test JVM, started on first use and chosen in this order:
 *
 * <ol>
 *   <li>external servers named by environment variables ({@code TRIBUTARY_TEST_POSTGRES_URL},
 *       {@code TRIBUTARY_TEST_POSTGRES_USER}, {@code TRIBUTARY_TEST_POSTGRES_PASSWORD}, {@code
 *       TRIBUTARY_TEST_KAFKA_BOOTSTRAP_SERVERS});
 *   <li>Testcontainers, when a Docker engine answers;
 *   <li>an embedded PostgreSQL (zonky) and an in-process KRaft broker (spring-kafka-test).
 * </ol>
 *
 * <p>Tests are isolated by a fresh database per test context (cloned from a migrated template
 * database) and a unique topic prefix, never by restarting servers.
 */
@NullMarked
package dev.tributary.testkit;

import org.jspecify.annotations.NullMarked;
