/** Creating steps at run time, from decision and batch outcomes. */
@NullMarked
package dev.tributary.store.expansion;

import org.jspecify.annotations.NullMarked;
