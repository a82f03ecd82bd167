/** The processor's {@code migrate} command, which the migration Job runs. */
@NullMarked
package dev.tributary.processor.migration;

import org.jspecify.annotations.NullMarked;
