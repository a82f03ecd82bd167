package dev.tributary.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * An overlay (or the base with components, or the worker template) as {@code kubectl kustomize}
 * renders it, every resource parsed into its typed model. A kind the test does not know, or a field
 * its model does not know, fails the parse: nothing in the manifests goes unchecked.
 */
final class RenderedOverlay {

  /** The models, by apiVersion and kind. KEDA's have no typed model: see {@link Keda}. */
  private static final Map<String, Class<? extends HasMetadata>> MODELS =
      Map.ofEntries(
          Map.entry("v1/ServiceAccount", ServiceAccount.class),
          Map.entry("v1/ConfigMap", ConfigMap.class),
          Map.entry("v1/Secret", Secret.class),
          Map.entry("v1/Service", Service.class),
          Map.entry("apps/v1/Deployment", Deployment.class),
          Map.entry("batch/v1/Job", Job.class),
          Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
          Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
          Map.entry("monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class),
          Map.entry("monitoring.coreos.com/v1/PrometheusRule", PrometheusRule.class),
          Map.entry(HasMetadata.getApiVersion(KafkaTopic.class) + "/KafkaTopic", KafkaTopic.class),
          Map.entry(HasMetadata.getApiVersion(KafkaUser.class) + "/KafkaUser", KafkaUser.class),
          Map.entry(Keda.API_VERSION + "/ScaledObject", GenericKubernetesResource.class),
          Map.entry(Keda.API_VERSION + "/TriggerAuthentication", GenericKubernetesResource.class));

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private final String name;
  private final Set<Component> components;
  private final List<HasMetadata> resources;

  private RenderedOverlay(String name, Set<Component> components, List<HasMetadata> resources) {
    this.name = name;
    this.components = components;
    this.resources = resources;
  }

  /** Overlays already rendered in this JVM: the files do not change while tests run. */
  private static final Map<Path, RenderedOverlay> RENDERED =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** Combinations of the base and components already rendered, by name. */
  private static final Map<String, RenderedOverlay> COMPOSED =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** An overlay under k8s/overlays, with the components its kustomization lists. */
  static RenderedOverlay render(Path overlay) {
    return RENDERED.computeIfAbsent(
        overlay.toAbsolutePath().normalize(),
        path ->
            renderAndParse(
                path, path.getFileName().toString(), Set.copyOf(Component.listedIn(path))));
  }

  /**
   * A kustomization that is not an overlay of the services (the worker template, say): rendered and
   * parsed as strictly, with no components of k8s/components.
   */
  static RenderedOverlay renderOther(Path kustomization, String name) {
    return renderAndParse(kustomization, name, Set.of());
  }

  /**
   * {@code resource} (the base, say) with {@code components}, as an overlay listing them would
   * render it: a kustomization in a temporary directory that names both by relative path, since
   * kustomize accepts no absolute ones.
   */
  static RenderedOverlay compose(Path resource, Set<Component> components) {
    String composedName =
        Stream.concat(
                Stream.of(resource.getFileName().toString()),
                components.stream().sorted().map(Component::directoryName))
            .collect(Collectors.joining("+"));
    return COMPOSED.computeIfAbsent(
        composedName, n -> renderComposed(n, resource.toAbsolutePath().normalize(), components));
  }

  private static RenderedOverlay renderComposed(
      String composedName, Path resource, Set<Component> components) {
    try {
      Path directory = Files.createTempDirectory("tributary-kustomize-");
      Path kustomization = directory.resolve("kustomization.yaml");
      StringBuilder text =
          new StringBuilder(
              "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n");
      text.append("  - ").append(directory.relativize(resource)).append('\n');
      if (!components.isEmpty()) {
        text.append("components:\n");
        components.stream()
            .sorted()
            .forEach(
                c ->
                    text.append("  - ")
                        .append(directory.relativize(c.directory().toAbsolutePath().normalize()))
                        .append('\n'));
      }
      Files.writeString(kustomization, text);
      try {
        return renderAndParse(directory, composedName, Set.copyOf(components));
      } finally {
        Files.delete(kustomization);
        Files.delete(directory);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static RenderedOverlay renderAndParse(
      Path overlay, String overlayName, Set<Component> components) {
    String rendered = Kustomize.render(overlay);
    List<HasMetadata> resources = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
    for (Object document : yaml.loadAll(rendered)) {
      if (!(document instanceof Map<?, ?> fields)) {
        continue;
      }
      String type = fields.get("apiVersion") + "/" + fields.get("kind");
      Class<? extends HasMetadata> model = MODELS.get(type);
      Object metadata = fields.get("metadata");
      String id =
          type
              + " "
              + (metadata instanceof Map<?, ?> m ? String.valueOf(m.get("name")) : "(no name)");
      if (model == null) {
        problems.add(id + ": no model for this kind (is the apiVersion right?)");
        continue;
      }
      HasMetadata resource = SERIALIZATION.unmarshal(SERIALIZATION.asJson(document), model);
      if (resource instanceof GenericKubernetesResource keda) {
        try {
          Keda.parse(keda);
        } catch (IllegalArgumentException e) {
          problems.add(id + ": " + e.getMessage());
        }
      } else {
        Strict.unknownFields(resource).forEach(field -> problems.add(id + ": unknown " + field));
      }
      resources.add(resource);
    }
    if (!problems.isEmpty()) {
      throw new AssertionError(
          overlayName + " does not parse strictly:\n  " + String.join("\n  ", problems));
    }
    return new RenderedOverlay(overlayName, components, List.copyOf(resources));
  }

  String name() {
    return name;
  }

  /** The components of k8s/components it was rendered with. */
  Set<Component> components() {
    return components;
  }

  boolean uses(Component component) {
    return components.contains(component);
  }

  /** The apiVersion/kind pairs of its resources, e.g. {@code apps/v1/Deployment}. */
  Set<String> types() {
    return resources.stream()
        .map(RenderedOverlay::type)
        .collect(Collectors.toCollection(java.util.TreeSet::new));
  }

  static String type(HasMetadata resource) {
    return resource.getApiVersion() + "/" + resource.getKind();
  }

  @Override
  public String toString() {
    return name;
  }

  List<HasMetadata> resources() {
    return resources;
  }

  <T extends HasMetadata> List<T> all(Class<T> type) {
    return resources.stream().filter(type::isInstance).map(type::cast).toList();
  }

  List<GenericKubernetesResource> keda(String kind) {
    return all(GenericKubernetesResource.class).stream()
        .filter(r -> r.getKind().equals(kind))
        .toList();
  }

  <T extends HasMetadata> T named(Class<T> type, String resourceName) {
    return all(type).stream()
        .filter(r -> r.getMetadata().getName().equals(resourceName))
        .findFirst()
        .orElseThrow(
            () ->
                new NoSuchElementException(
                    type.getSimpleName() + " " + resourceName + " in " + name));
  }

  GenericKubernetesResource keda(String kind, String resourceName) {
    return keda(kind).stream()
        .filter(r -> r.getMetadata().getName().equals(resourceName))
        .findFirst()
        .orElseThrow(() -> new NoSuchElementException(kind + " " + resourceName + " in " + name));
  }

  /** A generated ConfigMap or Secret by its name before kustomize's hash suffix. */
  <T extends HasMetadata> T generated(Class<T> type, String baseName) {
    return all(type).stream()
        .filter(
            r ->
                r.getMetadata().getName().equals(baseName)
                    || r.getMetadata()
                        .getName()
                        .matches(java.util.regex.Pattern.quote(baseName) + "-[a-z0-9]{10}"))
        .findFirst()
        .orElseThrow(
            () ->
                new NoSuchElementException(type.getSimpleName() + " " + baseName + " in " + name));
  }

  /**
   * The decoded data of a Secret the overlay generates, by its name before kustomize's hash suffix;
   * empty when the overlay only references it (the cluster's operators create it).
   */
  java.util.Optional<Map<String, String>> generatedSecret(String baseName) {
    try {
      return java.util.Optional.of(decode(generated(Secret.class, baseName)));
    } catch (NoSuchElementException onlyReferenced) {
      return java.util.Optional.empty();
    }
  }

  /** Whether a reference names this generated (or referenced) resource, hash suffix or not. */
  static boolean isNamed(String reference, String baseName) {
    return reference.equals(baseName)
        || reference.matches(java.util.regex.Pattern.quote(baseName) + "-[a-z0-9]{10}");
  }

  /**
   * The environment a container gets, as the kubelet builds it: envFrom first, env over it. Values
   * from ConfigMaps and Secrets rendered here are resolved; a Secret the overlay only references
   * gives {@code <secret name/key>}.
   */
  Map<String, String> environment(PodTemplateSpec template, String containerName) {
    Container container = container(template, containerName);
    Map<String, String> environment = new LinkedHashMap<>();
    for (EnvFromSource from : container.getEnvFrom()) {
      if (from.getConfigMapRef() != null) {
        environment.putAll(configMap(from.getConfigMapRef().getName()).getData());
      }
      if (from.getSecretRef() != null) {
        secret(from.getSecretRef().getName()).ifPresent(environment::putAll);
      }
    }
    for (EnvVar variable : container.getEnv()) {
      environment.put(variable.getName(), value(variable, containerName));
    }
    return environment;
  }

  static Container container(PodTemplateSpec template, String containerName) {
    return template.getSpec().getContainers().stream()
        .filter(c -> c.getName().equals(containerName))
        .findFirst()
        .orElseThrow(() -> new NoSuchElementException("container " + containerName));
  }

  /** A pod's fields resolve as in a first pod named after its container, e.g. processor-0. */
  private String value(EnvVar variable, String containerName) {
    if (variable.getValueFrom() == null) {
      return variable.getValue();
    }
    var source = variable.getValueFrom();
    if (source.getConfigMapKeyRef() != null) {
      String value =
          configMap(source.getConfigMapKeyRef().getName())
              .getData()
              .get(source.getConfigMapKeyRef().getKey());
      if (value == null) {
        throw new NoSuchElementException(
            "ConfigMap "
                + source.getConfigMapKeyRef().getName()
                + " has no key "
                + source.getConfigMapKeyRef().getKey());
      }
      return value;
    }
    if (source.getSecretKeyRef() != null) {
      String secretName = source.getSecretKeyRef().getName();
      String key = source.getSecretKeyRef().getKey();
      return secret(secretName)
          .map(data -> data.get(key))
          .orElse("<secret " + secretName + "/" + key + ">");
    }
    if (source.getFieldRef() != null
        && source.getFieldRef().getFieldPath().equals("metadata.name")) {
      return containerName + "-0";
    }
    throw new IllegalArgumentException("unsupported valueFrom for " + variable.getName());
  }

  private ConfigMap configMap(String configMapName) {
    return named(ConfigMap.class, configMapName);
  }

  private java.util.Optional<Map<String, String>> secret(String secretName) {
    return all(Secret.class).stream()
        .filter(s -> s.getMetadata().getName().equals(secretName))
        .findFirst()
        .map(RenderedOverlay::decode);
  }

  private static Map<String, String> decode(Secret secret) {
    Map<String, String> data = new LinkedHashMap<>();
    if (secret.getData() != null) {
      secret
          .getData()
          .forEach(
              (key, value) ->
                  data.put(
                      key,
                      // kustomize wraps long values over lines, which Kubernetes' decoder skips.
                      new String(Base64.getMimeDecoder().decode(value), StandardCharsets.UTF_8)));
    }
    if (secret.getStringData() != null) {
      data.putAll(secret.getStringData());
    }
    return data;
  }
}
