/** Work that runs on a timer in the background, starting and stopping with the application. */
@NullMarked
package dev.tributary.service.background;

import org.jspecify.annotations.NullMarked;
