/**
 * Tributary's wire contract, shared by every service and worker: the messages on each topic, the
 * topic names, and the JSON codecs that read and write them.
 *
 * <p>Messages are JSON with snake_case field names and a {@code schema_version}; their JSON Schemas
 * and an AsyncAPI document live under {@code contracts/} on the classpath for workers written in
 * other languages.
 */
@NullMarked
package dev.tributary.contracts;

import org.jspecify.annotations.NullMarked;
