package dev.tributary.contracts.schema;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.github.erosb.jsonsKema.FormatValidationPolicy;
import com.github.erosb.jsonsKema.JsonParser;
import com.github.erosb.jsonsKema.SchemaLoader;
import com.github.erosb.jsonsKema.ValidationFailure;
import com.github.erosb.jsonsKema.Validator;
import com.github.erosb.jsonsKema.ValidatorConfig;
import java.net.URI;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The schemas read by a second JSON Schema implementation (erosb's json-sKema), independent of the
 * one {@link ContractResources} uses (networknt): another author's reading of draft 2020-12, so
 * that a schema that only works by one validator's leniency shows up as a disagreement. Formats
 * (uuid, date-time) are asserted, as by {@link ContractResources}.
 */
final class SecondValidator {

  private static final Map<WireMessage, Validator> VALIDATORS = new EnumMap<>(WireMessage.class);

  static {
    for (WireMessage message : WireMessage.values()) {
      String schema = new String(ContractResources.bytes(message.schemaResource()), UTF_8);
      VALIDATORS.put(
          message,
          Validator.create(
              new SchemaLoader(new JsonParser(schema, URI.create(message.schemaId())).parse())
                  .load(),
              new ValidatorConfig(FormatValidationPolicy.ALWAYS)));
    }
  }

  private SecondValidator() {}

  /** What is wrong with this classpath resource as this message; empty when it is valid. */
  static Optional<String> violation(WireMessage message, String resource) {
    return violation(
        message,
        new String(ContractResources.bytes(resource), UTF_8),
        URI.create("classpath:/" + resource));
  }

  /** What is wrong with this JSON text as this message; empty when it is valid. */
  static Optional<String> violationOf(WireMessage message, String document) {
    return violation(message, document, URI.create("memory:/" + message.fileName()));
  }

  private static Optional<String> violation(WireMessage message, String document, URI source) {
    @Nullable ValidationFailure failure =
        VALIDATORS.get(message).validate(new JsonParser(document, source).parse());
    return Optional.ofNullable(failure).map(ValidationFailure::toString);
  }
}
