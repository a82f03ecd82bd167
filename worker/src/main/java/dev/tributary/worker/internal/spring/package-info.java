/**
 * The optional Spring Boot wiring: finds {@link dev.tributary.worker.TributaryHandler} methods,
 * builds {@link dev.tributary.worker.WorkerOptions} from the {@code tributary.worker.*} properties
 * and runs a {@link dev.tributary.worker.TributaryWorker} for the application's lifetime. Only this
 * package may use Spring or Micrometer: both are optional dependencies of the worker library.
 */
@NullMarked
package dev.tributary.worker.internal.spring;

import org.jspecify.annotations.NullMarked;
