/** What Spring Boot's Flyway needs to run the store's migrations. */
@NullMarked
package dev.tributary.service.migration;

import org.jspecify.annotations.NullMarked;
