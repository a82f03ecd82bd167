package dev.tributary.contracts.schema;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;

/** How the Java message types look on the wire, read from the types themselves. */
final class JavaWire {

  private static final SnakeCase SNAKE_CASE = new SnakeCase();

  private JavaWire() {}

  /** The wire name of a record component: the codec's snake_case. */
  static String name(RecordComponent component) {
    return SNAKE_CASE.translate(component.getName());
  }

  /** Whether a component is declared {@code @Nullable} (a JSpecify type-use annotation). */
  static boolean isNullable(RecordComponent component) {
    return component.getAnnotatedType().isAnnotationPresent(Nullable.class);
  }

  /**
   * The subtypes of a sealed, polymorphic type by their {@code type} names, from its
   * {@code @JsonSubTypes}.
   */
  static Map<String, Class<?>> subtypes(Class<?> sealedType) {
    JsonSubTypes annotation = sealedType.getAnnotation(JsonSubTypes.class);
    if (annotation == null) {
      throw new IllegalArgumentException(sealedType + " has no @JsonSubTypes");
    }
    Map<String, Class<?>> byName = new LinkedHashMap<>();
    for (JsonSubTypes.Type type : annotation.value()) {
      byName.put(type.name(), type.value());
    }
    return byName;
  }

  /** Jackson's own snake_case translation, the one the wire's mapper uses. */
  private static final class SnakeCase extends PropertyNamingStrategies.SnakeCaseStrategy {
    private static final long serialVersionUID = 1L;

    @Override
    protected String translate(String name) {
      return super.translate(name);
    }
  }
}
