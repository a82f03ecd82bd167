/**
 * The processor service: consumes task requests and step results, applies transitions, outcomes and
 * finalization in PostgreSQL, and signals the scheduler after each commit.
 */
@NullMarked
package dev.tributary.processor;

import org.jspecify.annotations.NullMarked;
