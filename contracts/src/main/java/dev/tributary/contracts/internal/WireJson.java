package dev.tributary.contracts.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tributary.contracts.Limits;
import java.time.Instant;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * The one JSON configuration of the wire: snake_case, RFC 3339 instants, nulls omitted, and a
 * strict reader.
 *
 * <p>The reader takes every value in its own JSON type, as the schemas say, and converts nothing: a
 * string {@code "1"} or a number with a fraction ({@code 1.5}) for an integer, {@code 1} or {@code
 * "true"} for a boolean, a number or boolean for a string, an enum's index for its name, an empty
 * string for a number or instant, and a number (or a string of digits) for an instant are all
 * rejected, naming the field. A lenient reader would let a producer's bug through as a plausible
 * value, e.g. a retry delay of {@code "100"} or a deadline in epoch seconds read as milliseconds.
 * The one latitude is JSON Schema's own: an integer written with a zero fraction ({@code 1.0},
 * {@code 1e2}) is that integer ({@link WholeNumberDeserializer}).
 */
public final class WireJson {

  private static final JsonMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(Limits.MAX_NESTING_DEPTH)
                          .build())
                  .build())
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .changeDefaultPropertyInclusion(
              inclusion -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
          .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          // Jackson 3 fails on a missing int by default; optional numbers default to 0 and the
          // message constructors check the required ones.
          .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          // Strictness: no scalar coercion. ALLOW_COERCION_OF_SCALARS covers strings and
          // booleans read as numbers and numbers read as booleans; ACCEPT_FLOAT_AS_INT would
          // truncate 1.5 to 1. The coercion configs below say the same explicitly, per target,
          // and add what the feature does not cover: scalars read as strings, empty strings.
          // Integers written with a zero fraction get a reader of their own (see the module).
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
          .withCoercionConfig(
              LogicalType.Integer,
              config ->
                  config
                      .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
          .withCoercionConfig(
              LogicalType.Boolean,
              config ->
                  config
                      .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
          .withCoercionConfig(
              LogicalType.Textual,
              config ->
                  config
                      .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
          .withCoercionConfig(
              LogicalType.Enum,
              config ->
                  config
                      .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
          // Jackson's own Instant reader takes epoch numbers (and strings of digits) whatever the
          // coercion configs say, so instants have a reader of their own.
          .addModule(
              WholeNumberDeserializer.registerIn(
                  new SimpleModule("tributary-wire")
                      .addDeserializer(Instant.class, new Rfc3339InstantDeserializer())))
          .build();

  private WireJson() {}

  public static JsonMapper mapper() {
    return MAPPER;
  }
}
