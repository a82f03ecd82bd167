/**
 * The one-command demo: an embedded PostgreSQL and Kafka broker (or external ones the command line
 * names), the processor and the scheduler as separate Spring applications, and sample workers
 * written with the worker library, all in one JVM; or, with {@code --workers-only}, the sample
 * workers alone. {@link dev.tributary.demo.TributaryDemo} is the entry point.
 */
@NullMarked
package dev.tributary.demo;

import org.jspecify.annotations.NullMarked;
