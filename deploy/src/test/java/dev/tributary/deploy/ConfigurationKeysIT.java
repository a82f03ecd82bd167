package dev.tributary.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.tributary.service.security.ServiceSecurityProperties.Role;
import dev.tributary.service.security.ServiceSecurityProperties.User;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Every environment variable the manifests give a service must be a configuration property that
 * service binds: a misspelt or obsolete key would be ignored without a word, and the service would
 * run on its defaults (say, creating topics in production). The properties are those of the
 * configuration metadata in the service's executable jar (its own, generated from its
 * {@code @ConfigurationProperties} records, and every library's, Spring Boot's included), and the
 * variables are matched to them by Spring Boot's own relaxed binding rules for the environment.
 */
class ConfigurationKeysIT {

  /** An element of a list as the environment names it: its index, then the field, if any. */
  private static final Pattern ELEMENT = Pattern.compile("(\\d+)(?:_(.+))?");

  /** Variables the JVM reads, not Spring. */
  private static final Set<String> JVM_VARIABLES = Set.of("JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS");

  private static final Map<String, ServiceJar> JARS = new LinkedHashMap<>();

  private static ServiceJar jar(String service) {
    return JARS.computeIfAbsent(service, ServiceJar::of);
  }

  /** A workload of an overlay: what runs, in which container, from which service's jar. */
  record Workload(
      String overlay, String resource, String service, PodTemplateSpec template, String container) {
    @Override
    public String toString() {
      return overlay + " " + resource;
    }
  }

  static Stream<Workload> workloads() {
    List<Workload> workloads = new ArrayList<>();
    for (var path : DeployFiles.overlays()) {
      RenderedOverlay overlay = RenderedOverlay.render(path);
      for (String service : List.of("processor", "scheduler")) {
        Deployment deployment = overlay.named(Deployment.class, "tributary-" + service);
        workloads.add(
            new Workload(
                overlay.name(),
                "Deployment/" + deployment.getMetadata().getName(),
                service,
                deployment.getSpec().getTemplate(),
                service));
      }
      Job job = overlay.named(Job.class, "tributary-migrate");
      workloads.add(
          new Workload(
              overlay.name(),
              "Job/tributary-migrate",
              "processor",
              job.getSpec().getTemplate(),
              "migrate"));
    }
    return workloads.stream();
  }

  @Test
  void the_services_jars_carry_the_metadata_of_their_own_properties() {
    assertThat(jar("processor").ownProperties())
        .containsKeys("tributary.events.poll-interval", "tributary.templates.directory");
    assertThat(jar("processor").properties())
        .containsKeys(
            "tributary.kafka.create-topics",
            "tributary.health.kafka.timeout",
            "tributary.migration.runtime-role",
            "spring.datasource.url",
            "management.server.port");
    assertThat(jar("scheduler").ownProperties()).containsKeys("tributary.scheduler.sweep-interval");
    assertThat(jar("scheduler").properties()).doesNotContainKey("tributary.events.poll-interval");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("workloads")
  void every_variable_the_manifests_set_is_a_property_the_service_binds(Workload workload) {
    RenderedOverlay overlay = RenderedOverlay.render(DeployFiles.overlay(workload.overlay()));
    Map<String, String> environment =
        overlay.environment(workload.template(), workload.container());

    assertThat(problems(environment, workload.service()))
        .as(
            "%s (relaxed binding: SPRING_DATASOURCE_URL is spring.datasource.url, and"
                + " TRIBUTARY_KAFKA_CREATE_TOPICS is tributary.kafka.create-topics)",
            workload)
        .isEmpty();
  }

  /**
   * Production's users Secret is the operator's (the overlay only references it): its documented
   * form, users.env.example, must bind in both services, which read the same Secret.
   */
  @ParameterizedTest
  @ValueSource(strings = {"processor", "scheduler"})
  void the_users_secret_documented_for_production_binds(String service) {
    Map<String, String> example = DeployFiles.usersExample();

    assertThat(problems(example, service)).as("users.env.example in %s", service).isEmpty();
    List<User> users = BoundUsers.of(example);
    assertThat(users)
        .extracting(User::name, User::role)
        .containsExactly(tuple("ops", Role.OPERATOR), tuple("prometheus", Role.READER));
    assertThat(users).allSatisfy(u -> assertThat(u.password()).startsWith("{bcrypt}"));
  }

  @Test
  void a_misspelt_field_of_a_list_element_is_reported() {
    assertThat(
            problems(
                Map.of(
                    "TRIBUTARY_SECURITY_USERS_0_NAMES", "ops",
                    "TRIBUTARY_SECURITY_USERS_0_ROLE", "operator"),
                "processor"))
        .singleElement()
        .asString()
        .startsWith("TRIBUTARY_SECURITY_USERS_0_NAMES: the elements of tributary.security.users")
        .endsWith("have no field NAMES");
  }

  /** What is wrong with these variables as the service's configuration; empty when nothing. */
  static List<String> problems(Map<String, String> environment, String service) {
    ServiceJar jar = jar(service);
    ConversionService conversion = ApplicationConversionService.getSharedInstance();
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, String> variable : environment.entrySet()) {
      if (JVM_VARIABLES.contains(variable.getKey())) {
        continue;
      }
      Optional<Binding> binding = bind(variable.getKey(), variable.getValue(), jar);
      if (binding.isEmpty()) {
        problems.add(variable.getKey() + ": no property of the " + service + " binds it");
        continue;
      }
      ServiceJar.Property property = binding.get().property();
      if (property.deprecated()) {
        problems.add(variable.getKey() + ": binds " + property.name() + ", which is deprecated");
      }
      if (property.name().equals("spring.kafka.properties")
          && !kafkaClientSettings().contains(binding.get().mapKey())) {
        problems.add(
            variable.getKey() + ": " + binding.get().mapKey() + " is no Kafka client setting");
      }
      if (property.elementType().isPresent() && !binding.get().mapKey().isEmpty()) {
        unknownElementField(variable.getKey(), binding.get()).ifPresent(problems::add);
        continue;
      }
      convertible(variable, property, conversion).ifPresent(problems::add);
    }
    return problems;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("workloads")
  void every_argument_is_a_command_the_service_knows(Workload workload) {
    Container container = RenderedOverlay.container(workload.template(), workload.container());
    List<String> arguments = container.getArgs() == null ? List.of() : container.getArgs();
    if (workload.container().equals("migrate")) {
      assertThat(arguments)
          .containsExactly(dev.tributary.processor.migration.SchemaMigration.COMMAND);
    } else {
      assertThat(arguments).isEmpty();
      assertThat(container.getCommand()).as("the image's entrypoint runs").isEmpty();
    }
  }

  /**
   * The property a variable binds to, and the rest of the variable's name below it: the key when
   * that property is a map, the element (index and field, {@code 0_NAME}) when it is a list.
   */
  record Binding(ServiceJar.Property property, String mapKey) {}

  /**
   * Which property an environment variable feeds, asked of Spring Boot's environment property
   * source the way the binder asks it: by the property's name (both SPRING_KAFKA_CREATETOPICS and
   * the legacy SPRING_KAFKA_CREATE_TOPICS forms), or below a map property.
   */
  static Optional<Binding> bind(String variable, String value, ServiceJar jar) {
    ConfigurationPropertySource source =
        ConfigurationPropertySource.from(
            new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                Map.of(variable, value)));
    for (ServiceJar.Property property : jar.properties().values()) {
      ConfigurationPropertyName name = ConfigurationPropertyName.ofIfValid(property.name());
      if (name == null) {
        continue;
      }
      if (source.getConfigurationProperty(name) != null) {
        return Optional.of(new Binding(property, ""));
      }
      if (property.elementType().isPresent()
          && source.containsDescendantOf(name) == ConfigurationPropertyState.PRESENT) {
        // TRIBUTARY_SECURITY_USERS_0_NAME: element 0 of tributary.security.users, its field NAME.
        return Optional.of(new Binding(property, variable.substring(name.toString().length() + 1)));
      }
      if (property.isMap()
          && source.containsDescendantOf(name) == ConfigurationPropertyState.PRESENT) {
        String key =
            variable
                .substring(name.toString().length() + 1)
                .toLowerCase(java.util.Locale.ROOT)
                .replace('_', '.');
        return Optional.of(new Binding(property, key));
      }
    }
    return Optional.empty();
  }

  /**
   * An element's field that the element's type does not have (TRIBUTARY_SECURITY_USERS_0_NAMES):
   * the list's metadata does not describe its elements, so their type is asked.
   */
  private static Optional<String> unknownElementField(String variable, Binding binding) {
    Matcher element = ELEMENT.matcher(binding.mapKey());
    if (!element.matches()) {
      return Optional.of(variable + ": " + binding.mapKey() + " is no element of a list");
    }
    if (element.group(2) == null) {
      return Optional.empty(); // the element itself, e.g. a list of strings
    }
    String field = element.group(2).replace("_", "").toLowerCase(java.util.Locale.ROOT);
    Class<?> type;
    try {
      type = Class.forName(binding.property().elementType().orElseThrow());
    } catch (ClassNotFoundException e) {
      return Optional.of(
          variable + ": the element type of " + binding.property().name() + " is not here");
    }
    if (!type.isRecord()) {
      return Optional.empty(); // a bean: not checked here
    }
    boolean known =
        Stream.of(type.getRecordComponents())
            .anyMatch(c -> c.getName().toLowerCase(java.util.Locale.ROOT).equals(field));
    return known
        ? Optional.empty()
        : Optional.of(
            variable
                + ": the elements of "
                + binding.property().name()
                + " ("
                + type.getSimpleName()
                + ") have no field "
                + element.group(2));
  }

  private static Optional<String> convertible(
      Map.Entry<String, String> variable,
      ServiceJar.Property property,
      ConversionService conversion) {
    Class<?> type;
    try {
      type = Class.forName(property.type());
    } catch (ClassNotFoundException e) {
      return Optional.empty(); // generic or unknown here: nothing to convert to
    }
    if (type == String.class || !conversion.canConvert(String.class, type)) {
      return Optional.empty();
    }
    try {
      conversion.convert(variable.getValue(), type);
      return Optional.empty();
    } catch (RuntimeException e) {
      return Optional.of(
          variable.getKey()
              + "="
              + variable.getValue()
              + " is no "
              + type.getSimpleName()
              + ": "
              + e.getMessage());
    }
  }

  private static Set<String> kafkaClientSettings() {
    Set<String> names = new HashSet<>();
    names.addAll(ConsumerConfig.configNames());
    names.addAll(ProducerConfig.configNames());
    names.addAll(AdminClientConfig.configNames());
    return names;
  }
}
