/** Dead letters an operator sent back to their topic: the audit record of each replay. */
@NullMarked
package dev.tributary.store.deadletter;

import org.jspecify.annotations.NullMarked;
