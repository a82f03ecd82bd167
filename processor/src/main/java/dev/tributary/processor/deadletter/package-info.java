/**
 * Dead letters for operators: listed from the dead-letter topic with their reason and origin, and
 * replayed to the topic they came from once their cause is fixed, each replay recorded.
 */
@NullMarked
package dev.tributary.processor.deadletter;

import org.jspecify.annotations.NullMarked;
