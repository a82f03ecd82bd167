/**
 * The system under test and what drives it: processors and schedulers as Spring applications in
 * this JVM (with their shipped configuration), simulated workers that answer every dispatch at
 * once, and a feeder of task requests.
 */
@NullMarked
package dev.tributary.bench.system;

import org.jspecify.annotations.NullMarked;
