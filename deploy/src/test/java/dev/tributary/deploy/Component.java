package dev.tributary.deploy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The optional Kustomize components under k8s/components, each with the operator whose API it needs
 * and the exact apiVersion/kind pairs it adds to the base. The base needs none of them.
 */
enum Component {
  STRIMZI_TOPICS("strimzi-topics", type(KafkaTopic.class, "KafkaTopic")),
  STRIMZI_USERS("strimzi-users", type(KafkaUser.class, "KafkaUser")),
  KEDA("keda", Keda.API_VERSION + "/ScaledObject"),
  PROMETHEUS_OPERATOR(
      "prometheus-operator",
      "monitoring.coreos.com/v1/ServiceMonitor",
      "monitoring.coreos.com/v1/PrometheusRule");

  /**
   * What the base and an overlay without components may contain: core Kubernetes kinds, which any
   * cluster serves without an operator.
   */
  static final Set<String> CORE_TYPES =
      Set.of(
          "v1/ServiceAccount",
          "v1/ConfigMap",
          "v1/Secret",
          "v1/Service",
          "apps/v1/Deployment",
          "batch/v1/Job",
          "policy/v1/PodDisruptionBudget",
          "networking.k8s.io/v1/NetworkPolicy",
          "autoscaling/v2/HorizontalPodAutoscaler");

  private final String directoryName;

  // Set.of is unmodifiable; Error Prone recognises only Guava's immutable collections as such.
  @SuppressWarnings("ImmutableEnumChecker")
  private final Set<String> types;

  Component(String directoryName, String... types) {
    this.directoryName = directoryName;
    this.types = Set.of(types);
  }

  private static String type(Class<? extends HasMetadata> model, String kind) {
    return HasMetadata.getApiVersion(model) + "/" + kind;
  }

  /** The component's directory. */
  Path directory() {
    return DeployFiles.component(directoryName);
  }

  String directoryName() {
    return directoryName;
  }

  /** The apiVersion/kind pairs it adds, e.g. {@code keda.sh/v1alpha1/ScaledObject}. */
  Set<String> types() {
    return types;
  }

  /** The API group of its operator (every kind of that group belongs to this operator). */
  String apiGroup() {
    String type = types.iterator().next();
    return type.substring(0, type.indexOf('/'));
  }

  @Override
  public String toString() {
    return directoryName;
  }

  /**
   * The components a kustomization lists, by the directories its {@code components} entries resolve
   * to; an entry that is none of these fails, so that a new component gets its checks.
   */
  static Set<Component> listedIn(Path kustomizationDirectory) {
    Set<Component> listed = EnumSet.noneOf(Component.class);
    Object entries = kustomization(kustomizationDirectory).getOrDefault("components", List.of());
    for (Object entry : (List<?>) entries) {
      Path resolved = kustomizationDirectory.resolve(String.valueOf(entry)).normalize();
      listed.add(
          EnumSet.allOf(Component.class).stream()
              .filter(c -> c.directory().normalize().equals(resolved))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          kustomizationDirectory + " lists an unknown component " + entry)));
    }
    return listed;
  }

  /** A kustomization file's top-level fields, as YAML reads them. */
  static Map<String, Object> kustomization(Path directory) {
    try {
      return new Yaml(new SafeConstructor(new LoaderOptions()))
          .load(Files.readString(directory.resolve("kustomization.yaml")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
