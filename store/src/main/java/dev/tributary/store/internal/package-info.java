/** Column converters and other plumbing of the store; not an API. */
@NullMarked
package dev.tributary.store.internal;

import org.jspecify.annotations.NullMarked;
