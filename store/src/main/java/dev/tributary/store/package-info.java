/**
 * The database: Flyway migrations (under {@code db/migration}), the jOOQ classes generated from
 * them ({@code dev.tributary.store.schema}), and the queries both services share, one class per
 * query family in packages by concept.
 */
@NullMarked
package dev.tributary.store;

import org.jspecify.annotations.NullMarked;
