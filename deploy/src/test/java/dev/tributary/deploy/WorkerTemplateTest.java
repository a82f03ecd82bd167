package dev.tributary.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.contracts.Topics;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.convert.DurationStyle;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The worker template (k8s/worker) as a team uses it: as shipped, core kinds only, and with its
 * keda component enabled the way its kustomization says. Its pod runs as the services' do
 * (non-root, read-only root, requests and limits), its probes are Actuator's health groups, it gets
 * longer to stop than the worker's shutdown grace period, its variables are worker properties, and
 * KEDA scales it on its group's lag on its dispatch topic within that topic's partitions.
 */
class WorkerTemplateTest {

  /** The worker's container in the template's Deployment. */
  static final String CONTAINER = "worker";

  /** What the template renders without KEDA. */
  static final Set<String> TYPES =
      Set.of(
          "v1/ServiceAccount",
          "v1/ConfigMap",
          "apps/v1/Deployment",
          "policy/v1/PodDisruptionBudget");

  /** Its kustomization's commented-out components, which a team uncomments to enable KEDA. */
  static final String COMMENTED_COMPONENTS = "# components:\n#   - keda\n";

  /**
   * After the grace period, committing the answered dispatches, leaving the group and closing the
   * clients: a few broker round trips, well within this.
   */
  static final Duration COMMIT_AND_LEAVE = Duration.ofSeconds(10);

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private static RenderedOverlay shipped() {
    return RenderedOverlay.renderOther(DeployFiles.workerTemplate(), "worker");
  }

  /** A copy of the template with its components uncommented, as deploy/README.md says. */
  private static RenderedOverlay withKeda() {
    Path template = DeployFiles.workerTemplate();
    try {
      String kustomization = Files.readString(template.resolve("kustomization.yaml"));
      assertThat(kustomization).contains(COMMENTED_COMPONENTS);
      Path copy = Files.createTempDirectory("tributary-worker-");
      try {
        copyTree(template, copy);
        Files.writeString(
            copy.resolve("kustomization.yaml"),
            kustomization.replace(COMMENTED_COMPONENTS, "components:\n  - keda\n"));
        return RenderedOverlay.renderOther(copy, "worker+keda");
      } finally {
        deleteTree(copy);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void as_shipped_it_renders_core_kinds_only() {
    assertThat(shipped().types())
        .containsExactlyInAnyOrderElementsOf(TYPES)
        .isSubsetOf(Component.CORE_TYPES);
  }

  @Test
  void its_keda_component_adds_a_scaled_object_and_changes_nothing_else() {
    RenderedOverlay withKeda = withKeda();
    String scaledObject = Keda.API_VERSION + "/ScaledObject";

    assertThat(withKeda.types()).containsExactlyInAnyOrderElementsOf(union(TYPES, scaledObject));
    assertThat(json(withKeda.resources().stream().filter(r -> !isType(r, scaledObject))))
        .containsExactlyInAnyOrderElementsOf(json(shipped().resources().stream()));
  }

  @Test
  void its_pod_runs_as_non_root_without_privileges_within_requests_and_limits() {
    PodTemplateSpec template = deployment(shipped()).getSpec().getTemplate();

    ManifestsTest.assertNonRootWithoutPrivilegesOnAReadOnlyRoot(template.getSpec());
    template.getSpec().getContainers().forEach(ManifestsTest::assertRequestsAndLimits);
    PodDisruptionBudget budget = shipped().all(PodDisruptionBudget.class).getFirst();
    assertThat(template.getMetadata().getLabels())
        .containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels())
        .as("not a pod Tributary's default-deny NetworkPolicy selects: handlers call anything")
        .doesNotContainEntry("app.kubernetes.io/part-of", "tributary");
  }

  @Test
  void its_probes_are_actuators_health_groups_on_the_management_port() {
    RenderedOverlay worker = shipped();
    PodTemplateSpec template = deployment(worker).getSpec().getTemplate();
    Container container = RenderedOverlay.container(template, CONTAINER);
    Map<String, String> environment = worker.environment(template, CONTAINER);

    assertThat(environment).containsEntry("MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED", "true");
    ManifestsTest.assertHealthProbes(container, environment);
    assertThat(
            container.getStartupProbe().getPeriodSeconds()
                * container.getStartupProbe().getFailureThreshold())
        .as("at least a minute to start before liveness applies")
        .isGreaterThanOrEqualTo(60);
  }

  @Test
  void termination_grace_outlasts_the_workers_shutdown_grace_period() {
    RenderedOverlay worker = shipped();
    PodTemplateSpec template = deployment(worker).getSpec().getTemplate();
    Container container = RenderedOverlay.container(template, CONTAINER);
    String grace = worker.environment(template, CONTAINER).get(variable("shutdownGracePeriod"));
    assertThat(grace).as("the template states the grace period it is sized for").isNotNull();
    long preStop =
        container.getLifecycle() == null || container.getLifecycle().getPreStop() == null
            ? 0
            : container.getLifecycle().getPreStop().getSleep().getSeconds();

    assertThat(template.getSpec().getTerminationGracePeriodSeconds())
        .as("SIGKILL must not cut running steps' answers, the commit or leaving the group")
        .isGreaterThan(
            preStop
                + DurationStyle.detectAndParse(grace).toSeconds()
                + COMMIT_AND_LEAVE.toSeconds());
  }

  @Test
  void every_variable_is_a_worker_property_or_spring_boots() {
    RenderedOverlay worker = shipped();
    Map<String, String> environment =
        worker.environment(deployment(worker).getSpec().getTemplate(), CONTAINER);
    Set<String> properties = workerPropertyVariables();
    Set<String> kafkaSettings =
        Stream.concat(ConsumerConfig.configNames().stream(), ProducerConfig.configNames().stream())
            .collect(Collectors.toSet());
    String kafkaPrefix = variable("kafka") + "_";

    assertThat(environment)
        .containsKeys(
            variable("groupId"),
            variable("concurrency"),
            variable("shutdownGracePeriod"),
            "SPRING_KAFKA_BOOTSTRAP_SERVERS");
    assertThat(environment.keySet())
        .filteredOn(name -> name.startsWith("TRIBUTARY_"))
        .allSatisfy(
            name -> {
              if (name.startsWith(kafkaPrefix)) {
                assertThat(kafkaSettings)
                    .as("%s is a Kafka client setting", name)
                    .contains(
                        name.substring(kafkaPrefix.length())
                            .toLowerCase(Locale.ROOT)
                            .replace('_', '.'));
              } else {
                assertThat(properties).as("tributary.worker.* has %s", name).contains(name);
              }
            });
  }

  @Test
  void keda_scales_it_on_its_groups_lag_on_its_dispatch_topic_within_the_partitions() {
    RenderedOverlay worker = withKeda();
    Deployment deployment = deployment(worker);
    Map<String, String> environment =
        worker.environment(deployment.getSpec().getTemplate(), CONTAINER);
    GenericKubernetesResource resource = worker.keda("ScaledObject").getFirst();
    Keda.ScaledObjectSpec scaling = Keda.scaledObject(resource);
    Keda.Trigger trigger = scaling.triggers().getFirst();
    String prefix = environment.getOrDefault(variable("topicPrefix"), "");
    String topic = trigger.metadata().get("topic");

    assertThat(resource.getMetadata().getNamespace())
        .as("KEDA scales a Deployment of its own namespace")
        .isEqualTo(deployment.getMetadata().getNamespace());
    assertThat(scaling.scaleTargetRef().kind()).isEqualTo("Deployment");
    assertThat(scaling.scaleTargetRef().name()).isEqualTo(deployment.getMetadata().getName());
    assertThat(scaling.minReplicaCount())
        .as("an apply never scales below what KEDA keeps")
        .isEqualTo(deployment.getSpec().getReplicas())
        .isPositive()
        .isLessThanOrEqualTo(scaling.maxReplicaCount());
    assertThat(scaling.triggers()).hasSize(1);
    assertThat(trigger.type()).isEqualTo("kafka");
    assertThat(Keda.KAFKA_TRIGGER_PARAMETERS).containsAll(trigger.metadata().keySet());
    assertThat(trigger.metadata())
        .containsEntry("consumerGroup", environment.get(variable("groupId")))
        .containsEntry(
            "bootstrapServers",
            environment.getOrDefault(
                variable("bootstrapServers"), environment.get("SPRING_KAFKA_BOOTSTRAP_SERVERS")))
        .containsEntry("allowIdleConsumers", "false")
        .as("the worker's own auto.offset.reset")
        .containsEntry("offsetResetPolicy", "earliest");
    assertThat(topic).startsWith(prefix + "steps.");
    assertThat(topic)
        .as("a dispatch topic, steps.<namespace>")
        .isEqualTo(new Topics(prefix).dispatch(topic.substring((prefix + "steps.").length())));
    assertThat(trigger.intParameter("lagThreshold"))
        .as("running steps count as lag: a busy replica without backlog must not scale out")
        .isGreaterThan(Integer.parseInt(environment.get(variable("concurrency"))));
    assertThat(scaling.maxReplicaCount())
        .as("a replica beyond the partitions of %s would get none and sit idle", topic)
        .isLessThanOrEqualTo(HandMadeTopics.partitions(topic, prefix));
  }

  private static Deployment deployment(RenderedOverlay worker) {
    assertThat(worker.all(Deployment.class)).hasSize(1);
    return worker.all(Deployment.class).getFirst();
  }

  /** The environment variable of a tributary.worker property, e.g. groupId: ..._GROUP_ID. */
  static String variable(String property) {
    return "TRIBUTARY_WORKER_"
        + property.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
  }

  /**
   * The variables of the worker library's properties, from the configuration metadata its jar
   * carries: {@code tributary.worker.group-id} is {@code TRIBUTARY_WORKER_GROUP_ID}, and a map such
   * as {@code tributary.worker.kafka} takes variables that start with its name.
   */
  static Set<String> workerPropertyVariables() {
    Set<String> variables = new TreeSet<>();
    try {
      for (URL metadata :
          Collections.list(
              WorkerTemplateTest.class
                  .getClassLoader()
                  .getResources("META-INF/spring-configuration-metadata.json"))) {
        try (InputStream in = metadata.openStream()) {
          for (JsonNode property : METADATA.readTree(in).path("properties")) {
            String name = property.path("name").asString();
            if (name.startsWith(WORKER_PREFIX)) {
              variables.add(
                  "TRIBUTARY_WORKER_"
                      + name.substring(WORKER_PREFIX.length())
                          .replace('-', '_')
                          .toUpperCase(Locale.ROOT));
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(variables).contains(variable("groupId"), variable("kafka"));
    return variables;
  }

  private static final String WORKER_PREFIX = "tributary.worker.";
  private static final JsonMapper METADATA = JsonMapper.builder().build();

  private static Set<String> union(Set<String> types, String type) {
    Set<String> union = new TreeSet<>(types);
    union.add(type);
    return union;
  }

  private static boolean isType(HasMetadata resource, String type) {
    return RenderedOverlay.type(resource).equals(type);
  }

  private static List<String> json(Stream<HasMetadata> resources) {
    return resources.map(SERIALIZATION::asJson).toList();
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.toList()) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}
