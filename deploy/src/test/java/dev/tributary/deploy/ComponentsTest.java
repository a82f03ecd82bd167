package dev.tributary.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.contracts.Topics;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The base needs no operator, and each component under k8s/components is optional: the base alone
 * renders core Kubernetes kinds only, and every combination of components renders, parses strictly,
 * adds exactly its components' kinds to an unchanged base and passes those kinds' checks
 * (ManifestsTest's, on the base's defaults). Without the strimzi-topics component the topics are
 * made by hand as deploy/README.md shows, with the sizes of the KafkaTopics.
 */
class ComponentsTest {

  /** What the base renders: the services, their Job, Services, budgets and policies. */
  static final Set<String> BASE_TYPES =
      Set.of(
          "v1/ServiceAccount",
          "v1/ConfigMap",
          "v1/Service",
          "apps/v1/Deployment",
          "batch/v1/Job",
          "policy/v1/PodDisruptionBudget",
          "networking.k8s.io/v1/NetworkPolicy");

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private static RenderedOverlay base() {
    return RenderedOverlay.compose(DeployFiles.base(), Set.of());
  }

  /** Every non-empty subset of the components: 15 combinations, each alone among them. */
  static Stream<Set<Component>> combinations() {
    Component[] all = Component.values();
    return Stream.iterate(1, mask -> mask < 1 << all.length, mask -> mask + 1)
        .map(
            mask -> {
              Set<Component> combination = EnumSet.noneOf(Component.class);
              for (int i = 0; i < all.length; i++) {
                if ((mask & 1 << i) != 0) {
                  combination.add(all[i]);
                }
              }
              return combination;
            });
  }

  @Test
  void the_base_renders_core_kinds_only() {
    assertThat(base().types())
        .as("no operator's kind in the base: they belong in components")
        .containsExactlyInAnyOrderElementsOf(BASE_TYPES)
        .isSubsetOf(Component.CORE_TYPES);
  }

  @Test
  void an_overlay_without_components_renders_core_kinds_only() {
    List<RenderedOverlay> withoutComponents =
        ManifestsTest.overlays().filter(overlay -> overlay.components().isEmpty()).toList();

    assertThat(withoutComponents)
        .extracting(RenderedOverlay::name)
        .as("a managed Kafka without any operator has an overlay")
        .contains("managed-kafka");
    assertThat(withoutComponents)
        .allSatisfy(overlay -> assertThat(overlay.types()).isSubsetOf(Component.CORE_TYPES));
  }

  @Test
  void the_overlays_keep_the_components_they_had_before_the_base_lost_them() {
    Map<String, Set<Component>> listed =
        ManifestsTest.overlays()
            .collect(Collectors.toMap(RenderedOverlay::name, RenderedOverlay::components));

    assertThat(listed.get("dev"))
        .containsExactlyInAnyOrder(
            Component.STRIMZI_TOPICS, Component.KEDA, Component.PROMETHEUS_OPERATOR);
    assertThat(listed.get("prod")).containsExactlyInAnyOrder(Component.values());
    assertThat(listed.get("managed-kafka")).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("combinations")
  void components_add_exactly_their_kinds_to_an_unchanged_base(Set<Component> components) {
    RenderedOverlay base = base();
    RenderedOverlay composed = RenderedOverlay.compose(DeployFiles.base(), components);
    Set<String> added =
        components.stream()
            .flatMap(c -> c.types().stream())
            .collect(Collectors.toCollection(TreeSet::new));

    assertThat(composed.types()).containsExactlyInAnyOrderElementsOf(union(base.types(), added));
    assertThat(json(composed.resources().stream().filter(r -> !added.contains(type(r)))))
        .as("the base's resources, unchanged (a component never touches the configuration)")
        .containsExactlyInAnyOrderElementsOf(json(base.resources().stream()));
    assertThat(composed.resources())
        .filteredOn(r -> added.contains(type(r)))
        .isNotEmpty()
        .allSatisfy(
            r ->
                assertThat(r.getMetadata().getLabels())
                    .as(
                        "%s is part of Tributary, as the base's resources",
                        r.getMetadata().getName())
                    .containsEntry("app.kubernetes.io/part-of", "tributary"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("combinations")
  void every_combination_passes_the_checks_of_its_components(Set<Component> components) {
    RenderedOverlay composed = RenderedOverlay.compose(DeployFiles.base(), components);

    if (composed.uses(Component.KEDA)) {
      // Without strimzi-topics, within the partitions of the hand-made topics.
      ManifestsTest.assertScaledWithinThePartitions(composed);
    }
    if (composed.uses(Component.PROMETHEUS_OPERATOR)) {
      ManifestsTest.assertScrapedThroughTheServices(composed);
      ManifestsTest.assertAlertsBesideTheServiceMonitors(composed);
    }
    if (composed.uses(Component.STRIMZI_TOPICS)) {
      ManifestsTest.assertEveryTopicIsAKafkaTopic(composed);
    }
    if (composed.uses(Component.STRIMZI_USERS)) {
      assertThat(composed.all(io.strimzi.api.kafka.model.user.KafkaUser.class))
          .extracting(u -> u.getMetadata().getName())
          .as("a user per service, named as its Secret is")
          .containsExactlyInAnyOrder("tributary-processor", "tributary-scheduler");
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Component.class)
  void a_component_only_adds_resources(Component component) {
    Map<String, Object> kustomization = Component.kustomization(component.directory());

    assertThat(kustomization)
        .containsEntry("apiVersion", "kustomize.config.k8s.io/v1alpha1")
        .containsEntry("kind", "Component");
    assertThat(kustomization.keySet())
        .as(
            "kustomize runs a component's generators and transformers before or after the"
                + " overlay's depending on its version (5.1 swapped them): only the overlays set"
                + " the configuration")
        .containsExactlyInAnyOrder("apiVersion", "kind", "resources");
  }

  @Test
  void the_topics_made_by_hand_are_the_kafka_topics_of_the_strimzi_component() {
    Map<String, HandMadeTopics.Topic> byHand = HandMadeTopics.fromReadme();
    List<KafkaTopic> kafkaTopics =
        RenderedOverlay.compose(DeployFiles.base(), Set.of(Component.STRIMZI_TOPICS))
            .all(KafkaTopic.class);
    Topics topics = Topics.defaults();

    assertThat(byHand.keySet())
        .as("deploy/README.md creates every topic the services use, and a dispatch topic")
        .contains(
            topics.taskRequests(),
            topics.stepResults(),
            topics.schedulingSignals(),
            topics.taskEvents(),
            topics.deadLetters())
        .anySatisfy(name -> assertThat(name).matches("steps\\." + Topics.NAMESPACE.pattern()));
    assertThat(kafkaTopics).isNotEmpty();
    for (KafkaTopic topic : kafkaTopics) {
      String name = topic.getSpec().getTopicName();
      assertThat(byHand).as("deploy/README.md creates %s", name).containsKey(name);
      assertThat(byHand.get(name).partitions())
          .as("%s's partitions, by hand and as a KafkaTopic", name)
          .isEqualTo(topic.getSpec().getPartitions());
      assertThat(byHand.get(name).retentionMs())
          .as("%s's retention.ms, by hand and as a KafkaTopic", name)
          .isEqualTo(((Number) topic.getSpec().getConfig().get("retention.ms")).longValue());
    }
  }

  private static Set<String> union(Set<String> first, Set<String> second) {
    Set<String> union = new TreeSet<>(first);
    union.addAll(second);
    return union;
  }

  private static String type(HasMetadata resource) {
    return RenderedOverlay.type(resource);
  }

  private static List<String> json(Stream<HasMetadata> resources) {
    return resources.map(SERIALIZATION::asJson).toList();
  }
}
