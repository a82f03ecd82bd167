package dev.tributary.contracts.internal;

import java.math.BigDecimal;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.jdk.NumberDeserializers;
import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;
import tools.jackson.databind.util.AccessPattern;

/**
 * Reads an {@code int}, {@code Integer}, {@code long} or {@code Long} from a JSON integer, or from
 * a JSON number whose fraction is zero ({@code 1.0}, {@code 2.00}, {@code 1e2}) as that integer:
 * JSON Schema's {@code integer} admits such numbers, so a producer that validates against the
 * schemas may send them.
 *
 * <p>Nothing is rounded or truncated. A number with a nonzero fraction ({@code 1.5}) goes to
 * Jackson's own reader, which rejects it under the coercion configs of {@link WireJson}, as it
 * rejects strings and booleans; a whole number outside the Java type's range fails as an integer
 * written in digits would ({@link InputCoercionException}). Jackson's {@code ACCEPT_FLOAT_AS_INT}
 * and its {@code TryConvert} coercion are no substitute: both truncate 1.5 to 1.
 */
final class WholeNumberDeserializer<T extends Number> extends StdDeserializer<T> {

  private final ValueDeserializer<T> strict;
  private final Function<BigDecimal, T> exact;

  private WholeNumberDeserializer(
      Class<T> type, ValueDeserializer<T> strict, Function<BigDecimal, T> exact) {
    super(type);
    this.strict = strict;
    this.exact = exact;
  }

  /** Registers the reader for the four integer types a wire message uses. */
  static SimpleModule registerIn(SimpleModule module) {
    return module
        .addDeserializer(
            Integer.TYPE,
            new WholeNumberDeserializer<>(
                Integer.TYPE,
                new NumberDeserializers.IntegerDeserializer(Integer.TYPE, 0),
                BigDecimal::intValueExact))
        .addDeserializer(
            Integer.class,
            new WholeNumberDeserializer<>(
                Integer.class,
                new NumberDeserializers.IntegerDeserializer(Integer.class, null),
                BigDecimal::intValueExact))
        .addDeserializer(
            Long.TYPE,
            new WholeNumberDeserializer<>(
                Long.TYPE,
                new NumberDeserializers.LongDeserializer(Long.TYPE, 0L),
                BigDecimal::longValueExact))
        .addDeserializer(
            Long.class,
            new WholeNumberDeserializer<>(
                Long.class,
                new NumberDeserializers.LongDeserializer(Long.class, null),
                BigDecimal::longValueExact));
  }

  @Override
  public @Nullable T deserialize(JsonParser parser, DeserializationContext context) {
    if (parser.hasToken(JsonToken.VALUE_NUMBER_FLOAT)) {
      BigDecimal whole = wholeValue(parser);
      if (whole != null) {
        try {
          return exact.apply(whole);
        } catch (ArithmeticException e) {
          // The wording of Jackson's own overflow, so that DecodeFailures reads both alike.
          throw new InputCoercionException(
              parser,
              "Numeric value ("
                  + parser.getString()
                  + ") out of range of `"
                  + handledType().getSimpleName()
                  + "`",
              JsonToken.VALUE_NUMBER_FLOAT,
              handledType());
        }
      }
    }
    return strict.deserialize(parser, context);
  }

  /** The number if its fraction is zero; null if it has a nonzero fraction or is not finite. */
  private static @Nullable BigDecimal wholeValue(JsonParser parser) {
    BigDecimal value;
    try {
      // Exact: Jackson parses the number's text, not a double, so 1.0000000000000001 keeps its
      // fraction instead of rounding to 1.0.
      value = parser.getDecimalValue();
    } catch (NumberFormatException e) {
      return null;
    }
    return value.stripTrailingZeros().scale() <= 0 ? value : null;
  }

  // What a missing or null value reads as (0 for a primitive, null for a wrapper) is the strict
  // reader's, as are the type's other properties.

  @Override
  public @Nullable Object getNullValue(DeserializationContext context) {
    return strict.getNullValue(context);
  }

  @Override
  public @Nullable Object getAbsentValue(DeserializationContext context) {
    return strict.getAbsentValue(context);
  }

  @Override
  public @Nullable Object getEmptyValue(DeserializationContext context) {
    return strict.getEmptyValue(context);
  }

  @Override
  public AccessPattern getNullAccessPattern() {
    return strict.getNullAccessPattern();
  }

  @Override
  public AccessPattern getEmptyAccessPattern() {
    return strict.getEmptyAccessPattern();
  }

  @Override
  public LogicalType logicalType() {
    return LogicalType.Integer;
  }
}
