/**
 * Tests that keep the language-neutral contract (JSON Schemas, golden samples, AsyncAPI document)
 * and the Java message types in agreement.
 */
@NullMarked
package dev.tributary.contracts.schema;

import org.jspecify.annotations.NullMarked;
