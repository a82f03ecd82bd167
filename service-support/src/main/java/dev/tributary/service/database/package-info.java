/** How the services talk to PostgreSQL: timeouts that bound every wait on the database. */
@NullMarked
package dev.tributary.service.database;

import org.jspecify.annotations.NullMarked;
