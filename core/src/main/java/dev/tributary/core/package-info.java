/**
 * The workflow rules, in one place and free of infrastructure: the step and task state machines as
 * tables ({@link dev.tributary.core.state}), the result fold ({@link dev.tributary.core.result}),
 * the template model ({@link dev.tributary.core.template}) and expansion planning ({@link
 * dev.tributary.core.expansion}). The store applies these rules in SQL; the services feed them
 * messages. See docs/ARCHITECTURE.md.
 */
@NullMarked
package dev.tributary.core;

import org.jspecify.annotations.NullMarked;
