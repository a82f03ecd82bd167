/** Publishing records that cannot be processed, with the reason, to the dead-letter topic. */
@NullMarked
package dev.tributary.service.deadletter;

import org.jspecify.annotations.NullMarked;
