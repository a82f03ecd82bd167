/** Registered workflow templates: named tasks and their named steps. */
@NullMarked
package dev.tributary.store.template;

import org.jspecify.annotations.NullMarked;
