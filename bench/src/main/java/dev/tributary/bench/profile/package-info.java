/**
 * Optional profiling of the end-to-end scenario with Java Flight Recorder ({@code --profile}), and
 * a summary of where the samples fell, so that the hot spots show up next to the figures.
 */
@NullMarked
package dev.tributary.bench.profile;

import org.jspecify.annotations.NullMarked;
