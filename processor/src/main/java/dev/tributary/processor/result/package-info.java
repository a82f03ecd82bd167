/**
 * Processing step results: a poll at a time, one context query, one transition statement, one
 * finalization statement; duplicates and stale attempts change nothing; bad input is dead-lettered
 * with its reason.
 */
@NullMarked
package dev.tributary.processor.result;

import org.jspecify.annotations.NullMarked;
