package dev.tributary.contracts.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.contracts.internal.WireJson;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fails when a Java message type and its JSON Schema drift apart.
 *
 * <p>Each message record is compared with its schema, recursively: nested records (e.g. {@code
 * worker}, {@code cursors[]}) with the object schemas their properties refer to, sealed types
 * ({@code outcome}, {@code expansion}) subtype by subtype, matched by their {@code @JsonSubTypes}
 * names with the {@code const} of each {@code oneOf} branch's {@code type}, and enums with the
 * schema's {@code enum}.
 *
 * <p><b>Names.</b> The schema's {@code properties} are exactly the record's components in
 * snake_case (plus {@code type} for the subtypes of a sealed type): a component without a property,
 * or a property without a component, is drift.
 *
 * <p><b>Required.</b> A property is {@code required} exactly when the Java reader refuses a message
 * without it; absent fields reach the record's constructor as null (objects) or zero (primitives):
 *
 * <ul>
 *   <li>a {@code @Nullable} component is optional;
 *   <li>any other object component is required, unless its constructor fills in a default for null
 *       (found by calling the constructor with null, so there is no list to maintain): then it is
 *       optional and the schema must declare that default (e.g. {@code context: {}}, {@code
 *       message: ""}, {@code result: null});
 *   <li>a primitive component is required if the constructor rejects its zero ({@code
 *       schema_version}, {@code attempt}); otherwise it is optional and the schema's {@code
 *       default} is that zero ({@code priority}). A field whose absence must be rejected but whose
 *       zero is a legal value is a boxed, null-checked component ({@code retryable}), never a
 *       primitive: the reader could not tell the two apart.
 * </ul>
 *
 * <p>Every property that is not required must also admit {@code null}, because the Java reader
 * treats null like absent and the schemas say so.
 */
class SchemaDriftTest {

  private static final Map<Class<?>, Record> EXAMPLES = examples();

  @ParameterizedTest
  @EnumSource(WireMessage.class)
  void the_schema_describes_exactly_the_fields_of_the_java_record(WireMessage message) {
    JsonNode schema = ContractResources.json(message.schemaResource());
    Comparison comparison = new Comparison(schema);

    comparison.record(message.type(), schema, message.fileName(), Set.of());

    assertThat(comparison.problems).isEmpty();
  }

  @Test
  void the_comparison_finds_a_component_missing_from_a_schema_and_a_property_missing_from_java() {
    JsonNode schema = ContractResources.json(WireMessage.SCHEDULING_SIGNAL.schemaResource());
    ObjectNode changed = (ObjectNode) schema.deepCopy();
    ObjectNode properties = (ObjectNode) changed.get("properties");
    properties.remove("task_id");
    properties.putObject("priority").put("type", "integer");
    Comparison comparison = new Comparison(changed);

    comparison.record(WireMessage.SCHEDULING_SIGNAL.type(), changed, "scheduling-signal", Set.of());

    assertThat(comparison.problems)
        .anySatisfy(problem -> assertThat(problem).contains("task_id", "no schema property"))
        .anySatisfy(problem -> assertThat(problem).contains("priority", "no Java component"));
  }

  @Test
  void the_comparison_finds_a_property_the_schema_requires_but_java_does_not() {
    JsonNode schema = ContractResources.json(WireMessage.TASK_REQUEST.schemaResource());
    ObjectNode changed = (ObjectNode) schema.deepCopy();
    ((ArrayNode) changed.get("required")).add("priority");
    Comparison comparison = new Comparison(changed);

    comparison.record(WireMessage.TASK_REQUEST.type(), changed, "task-request", Set.of());

    assertThat(comparison.problems)
        .anySatisfy(problem -> assertThat(problem).contains("priority", "must not be required"));
  }

  /** One comparison of Java types with one schema document, collecting every difference. */
  private static final class Comparison {

    private final JsonNode root;
    private final List<String> problems = new ArrayList<>();

    Comparison(JsonNode root) {
      this.root = root;
    }

    void record(Class<?> type, JsonNode objectSchema, String where, Set<String> extraRequired) {
      Map<String, RecordComponent> components = new LinkedHashMap<>();
      for (RecordComponent component : type.getRecordComponents()) {
        components.put(JavaWire.name(component), component);
      }
      JsonNode properties = objectSchema.path("properties");
      Set<String> required = new TreeSet<>();
      objectSchema.path("required").forEach(name -> required.add(name.asString()));

      Set<String> javaNames = new TreeSet<>(components.keySet());
      javaNames.addAll(extraRequired);
      for (String name : javaNames) {
        if (!properties.has(name)) {
          problems.add(
              where
                  + ": Java "
                  + type.getSimpleName()
                  + " has "
                  + name
                  + " but there is no schema property "
                  + name);
        }
      }
      for (String name : properties.propertyNames()) {
        if (!javaNames.contains(name)) {
          problems.add(
              where
                  + ": schema property "
                  + name
                  + " has no Java component in "
                  + type.getSimpleName());
        }
      }
      for (String name : required) {
        if (!properties.has(name)) {
          problems.add(where + ": " + name + " is required but not a property");
        }
      }
      for (String name : extraRequired) {
        if (!required.contains(name)) {
          problems.add(where + ": " + name + " must be required");
        }
      }
      components.forEach(
          (name, component) -> {
            if (properties.has(name)) {
              component(type, component, properties.get(name), required.contains(name), where);
            }
          });
    }

    private void component(
        Class<?> type,
        RecordComponent component,
        JsonNode property,
        boolean required,
        String where) {
      String at = where + "." + JavaWire.name(component);
      Requirement requirement = requirement(type, component, at);
      if (requirement != null) {
        if (requirement.required() && !required) {
          problems.add(at + " must be required: the Java record rejects a message without it");
        }
        if (!requirement.required() && required) {
          problems.add(at + " must not be required: the Java record accepts a message without it");
        }
        if (!required && requirement.defaultValue() != null) {
          JsonNode declared = property.get("default");
          if (!requirement.defaultValue().equals(declared)) {
            problems.add(
                at
                    + " must declare \"default\": "
                    + requirement.defaultValue()
                    + ", the value Java fills in when it is absent; the schema says "
                    + declared);
          }
        }
      }
      if (!required && !admitsNull(property)) {
        problems.add(
            at + " is optional, so it must admit null (the Java reader takes null as absent)");
      }
      nested(component.getGenericType(), property, at);
    }

    /** Whether Java requires the component, found by leaving it out; null if it cannot be told. */
    private @Nullable Requirement requirement(Class<?> type, RecordComponent component, String at) {
      if (JavaWire.isNullable(component)) {
        return new Requirement(false, null);
      }
      Record example = EXAMPLES.get(type);
      if (example == null) {
        problems.add(at + ": no example " + type.getSimpleName() + " in JavaMessages to test with");
        return null;
      }
      RecordComponent[] components = type.getRecordComponents();
      Object[] arguments = new Object[components.length];
      Class<?>[] parameterTypes = new Class<?>[components.length];
      for (int i = 0; i < components.length; i++) {
        parameterTypes[i] = components[i].getType();
        arguments[i] =
            components[i].getName().equals(component.getName())
                ? absent(components[i].getType())
                : read(components[i], example);
      }
      try {
        Constructor<?> canonical = type.getDeclaredConstructor(parameterTypes);
        Object withoutIt = canonical.newInstance(arguments);
        return new Requirement(
            false, WireJson.mapper().valueToTree(read(component, (Record) withoutIt)));
      } catch (InvocationTargetException rejected) {
        return new Requirement(true, null);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot call the constructor of " + type, e);
      }
    }

    private void nested(Type type, JsonNode property, String at) {
      Class<?> raw = raw(type);
      if (raw == List.class) {
        Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
        nested(element, dereference(property).path("items"), at + "[]");
      } else if (raw.isRecord()) {
        List<JsonNode> objects = objectSchemas(property);
        if (objects.size() != 1) {
          problems.add(at + ": expected one object schema for " + raw.getSimpleName());
        } else {
          record(raw, objects.get(0), at, Set.of());
        }
      } else if (raw.isSealed()) {
        sealed(raw, property, at);
      } else if (raw.isEnum()) {
        enumeration(raw, property, at);
      }
    }

    private void sealed(Class<?> type, JsonNode property, String at) {
      Map<String, Class<?>> subtypes = JavaWire.subtypes(type);
      Set<Class<?>> named = new LinkedHashSet<>(subtypes.values());
      for (Class<?> permitted : type.getPermittedSubclasses()) {
        if (!named.contains(permitted)) {
          problems.add(at + ": " + permitted.getSimpleName() + " has no @JsonSubTypes name");
        }
      }
      Map<String, JsonNode> branches = new LinkedHashMap<>();
      for (JsonNode branch : objectSchemas(property)) {
        JsonNode name = branch.at("/properties/type/const");
        if (name.isString()) {
          branches.put(name.asString(), branch);
        } else {
          problems.add(at + ": a oneOf branch has no \"type\" with a const name");
        }
      }
      if (!branches.keySet().equals(subtypes.keySet())) {
        problems.add(
            at
                + ": the schema's types "
                + branches.keySet()
                + " differ from Java's "
                + subtypes.keySet());
      }
      subtypes.forEach(
          (name, subtype) -> {
            if (branches.containsKey(name)) {
              record(subtype, branches.get(name), at + "<" + name + ">", Set.of("type"));
            }
          });
    }

    private void enumeration(Class<?> type, JsonNode property, String at) {
      Set<String> java = new TreeSet<>();
      for (Object constant : type.getEnumConstants()) {
        java.add(WireJson.mapper().valueToTree(constant).asString());
      }
      Set<String> schema = new TreeSet<>();
      dereference(property).path("enum").forEach(value -> schema.add(value.asString()));
      if (!java.equals(schema)) {
        problems.add(at + ": the schema's enum " + schema + " differs from Java's " + java);
      }
    }

    /** The object schemas a property can take, through $ref, anyOf, oneOf and allOf. */
    private List<JsonNode> objectSchemas(JsonNode node) {
      JsonNode schema = dereference(node);
      if (schema.has("properties")) {
        return List.of(schema);
      }
      List<JsonNode> found = new ArrayList<>();
      for (String keyword : List.of("anyOf", "oneOf", "allOf")) {
        schema.path(keyword).forEach(branch -> found.addAll(objectSchemas(branch)));
      }
      return found;
    }

    private boolean admitsNull(JsonNode node) {
      JsonNode schema = dereference(node);
      JsonNode type = schema.get("type");
      if (type != null) {
        return type.isArray()
            ? type.valueStream().anyMatch(t -> t.asString().equals("null"))
            : type.asString().equals("null");
      }
      for (String keyword : List.of("anyOf", "oneOf")) {
        if (schema.has(keyword)) {
          return schema.get(keyword).valueStream().anyMatch(this::admitsNull);
        }
      }
      return !schema.has("const") && !schema.has("enum");
    }

    private JsonNode dereference(JsonNode node) {
      JsonNode schema = node;
      for (int hops = 0; schema.has("$ref") && hops < 10; hops++) {
        String ref = schema.get("$ref").asString();
        if (!ref.startsWith("#")) {
          throw new IllegalStateException("a message schema refers outside itself: " + ref);
        }
        schema = root.at(ref.substring(1));
      }
      return schema;
    }
  }

  /** Whether Java requires a component, and the value it substitutes when it does not. */
  private record Requirement(boolean required, @Nullable JsonNode defaultValue) {}

  private static Class<?> raw(Type type) {
    return type instanceof ParameterizedType parameterized
        ? (Class<?>) parameterized.getRawType()
        : (Class<?>) type;
  }

  private static @Nullable Object absent(Class<?> type) {
    if (!type.isPrimitive()) {
      return null;
    }
    if (type == boolean.class) {
      return false;
    }
    if (type == long.class) {
      return 0L;
    }
    if (type == int.class) {
      return 0;
    }
    throw new IllegalArgumentException("no zero for " + type + "; add it here");
  }

  private static @Nullable Object read(RecordComponent component, Record record) {
    try {
      return component.getAccessor().invoke(record);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One instance of every record type reachable from the Java-built messages. */
  private static Map<Class<?>, Record> examples() {
    Map<Class<?>, Record> examples = new HashMap<>();
    List<Object> pending = new ArrayList<>(JavaMessages.all());
    while (!pending.isEmpty()) {
      Object value = pending.remove(pending.size() - 1);
      if (value instanceof Record record) {
        examples.putIfAbsent(record.getClass(), record);
        Arrays.stream(record.getClass().getRecordComponents())
            .map(component -> read(component, record))
            .filter(Objects::nonNull)
            .forEach(pending::add);
      } else if (value instanceof List<?> list) {
        pending.addAll(list);
      }
    }
    return examples;
  }
}
