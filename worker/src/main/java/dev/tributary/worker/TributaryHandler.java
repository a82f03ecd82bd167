package dev.tributary.worker;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a Spring bean method as the handler of one (namespace, handler) pair. The worker's Spring
 * Boot auto-configuration finds these methods and runs a {@link TributaryWorker} for them,
 * configured by the {@code tributary.worker.*} properties.
 *
 * <p>The method takes one {@link StepContext} and returns a {@link StepOutcome}, a {@code JsonNode}
 * (success with that result) or {@code void} (success with no result). Exceptions fail the attempt
 * as described on {@link StepFailure}.
 *
 * <pre>{@code
 * @Component
 * class Payments {
 *   @TributaryHandler(namespace = "shop", handler = "charge_card")
 *   StepOutcome charge(StepContext context) { ... }
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface TributaryHandler {

  /** The template namespace whose steps this method runs. */
  String namespace();

  /** The handler name, as in the template's step definition and the dispatch's {@code handler}. */
  String handler();
}
