package dev.tributary.deploy;

import static dev.tributary.deploy.RenderedOverlay.isNamed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.contracts.Topics;
import dev.tributary.service.security.ServiceSecurityProperties.Role;
import dev.tributary.service.security.ServiceSecurityProperties.User;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Renders every overlay with kubectl kustomize, parses every resource strictly into its model
 * (RenderedOverlay), and checks what a platform team relies on: probes on the health groups,
 * resources, a non-root security context, graceful termination, spreading, disruption budgets, the
 * migration Job and network policies everywhere; monitoring, autoscaling within the partitions and
 * topics where the overlay lists the component that adds them (ComponentsTest checks each component
 * on the base alone).
 */
class ManifestsTest {

  /** Each service's Deployment, container, consumer group and the topic its replicas share. */
  enum Workload {
    PROCESSOR("processor", "tributary-processor"),
    SCHEDULER("scheduler", "tributary-scheduler");

    final String container;
    final String name;

    Workload(String container, String name) {
      this.container = container;
      this.name = name;
    }

    /** The topic its replicas share. */
    String scaledTopic(Topics topics) {
      return switch (this) {
        case PROCESSOR -> topics.stepResults();
        case SCHEDULER -> topics.schedulingSignals();
      };
    }

    /** The consumer group, as the service's application.yaml sets it. */
    String consumerGroup() {
      return name;
    }
  }

  /** max-poll-records of both services (application.yaml): the lag one poll takes away. */
  static final int MAX_POLL_RECORDS = 500;

  /** Overlays for production: they reference the cluster's credentials and generate none. */
  static final Set<String> PRODUCTION = Set.of("prod", "managed-kafka");

  static Stream<RenderedOverlay> overlays() {
    List<Path> overlays = DeployFiles.overlays();
    assertThat(overlays)
        .extracting(p -> p.getFileName().toString())
        .contains("dev", "prod", "managed-kafka");
    return overlays.stream().map(RenderedOverlay::render);
  }

  static Stream<RenderedOverlay> overlaysWith(Component component) {
    return overlays().filter(overlay -> overlay.uses(component));
  }

  static Stream<RenderedOverlay> overlaysWithMonitoring() {
    return overlaysWith(Component.PROMETHEUS_OPERATOR);
  }

  static Stream<RenderedOverlay> overlaysWithKeda() {
    return overlaysWith(Component.KEDA);
  }

  static Stream<RenderedOverlay> overlaysWithTopics() {
    return overlaysWith(Component.STRIMZI_TOPICS);
  }

  static Stream<RenderedOverlay> productionOverlays() {
    return overlays().filter(overlay -> PRODUCTION.contains(overlay.name()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("overlays")
  void every_overlay_has_the_whole_deployment(RenderedOverlay overlay) {
    Set<String> kinds =
        overlay.resources().stream().map(HasMetadata::getKind).collect(Collectors.toSet());

    assertThat(kinds)
        .contains(
            "Deployment",
            "Service",
            "ConfigMap",
            "PodDisruptionBudget",
            "Job",
            "NetworkPolicy",
            "ServiceAccount");
    for (Workload workload : Workload.values()) {
      overlay.named(Deployment.class, workload.name);
      overlay.named(PodDisruptionBudget.class, workload.name);
      overlay.named(Service.class, workload.name);
      if (overlay.uses(Component.PROMETHEUS_OPERATOR)) {
        overlay.named(ServiceMonitor.class, workload.name);
      }
      if (overlay.uses(Component.KEDA)) {
        overlay.keda("ScaledObject", workload.name);
      }
    }
    if (overlay.uses(Component.PROMETHEUS_OPERATOR)) {
      overlay.named(PrometheusRule.class, ALERTS);
    }
    if (overlay.uses(Component.STRIMZI_TOPICS)) {
      assertThat(kinds).contains("KafkaTopic");
    }
    assertThat(overlay.resources())
        .filteredOn(r -> !(r instanceof KafkaTopic) && !isKafkaUser(r))
        .allSatisfy(r -> assertThat(r.getMetadata().getNamespace()).isNotBlank());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("overlays")
  void an_overlay_needs_only_the_operators_of_the_components_it_lists(RenderedOverlay overlay) {
    Set<String> groups =
        overlay.components().stream().map(Component::apiGroup).collect(Collectors.toSet());

    assertThat(overlay.types())
        .as("%s lists components %s", overlay.name(), overlay.components())
        .allSatisfy(
            type ->
                assertThat(
                        Component.CORE_TYPES.contains(type)
                            || groups.contains(type.substring(0, type.indexOf('/'))))
                    .as("%s: a core kind, or of the operator of a listed component", type)
                    .isTrue());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("overlays")
  void each_pod_joins_its_consumer_groups_under_its_own_name(RenderedOverlay overlay) {
    for (Workload workload : Workload.values()) {
      PodTemplateSpec template =
          overlay.named(Deployment.class, workload.name).getSpec().getTemplate();

      assertThat(RenderedOverlay.container(template, workload.container).getEnv())
          .filteredOn(variable -> variable.getName().equals("TRIBUTARY_KAFKA_INSTANCE_ID"))
          .singleElement()
          .satisfies(
              variable ->
                  assertThat(variable.getValueFrom().getFieldRef().getFieldPath())
                      .as("%s: a restarted container keeps its pod's name", workload.name)
                      .isEqualTo("metadata.name"));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("overlays")
  void probes_use_the_health_groups_on_the_management_port(RenderedOverlay overlay) {
    for (Workload workload : Workload.values()) {
      PodTemplateSpec template =
          overlay.named(Deployment.class, workload.name).getSpec().getTemplate();
      Container container = RenderedOverlay.container(template, workload.container);
      Map<String, String> environment = overlay.environment(template, workload.container);

      assertHealthProbes(container, environment);
      assertThat(
              container.getStartupProbe().getPeriodSeconds()
                  * container.getStartupProbe().getFailureThreshold())
          .as("%s gets at least a minute to start before liveness applies", workload.name)
          .isGreaterThanOrEqualTo(60);
      assertThat(container.getReadinessProbe().getTimeoutSeconds())
          .as("the readiness check (broker 2 s, database 3 s at worst) fits in the probe's timeout")
          .isGreaterThanOrEqualTo(5);
    }
  }

  /**
   * The container's probes are the health groups on its management port, the one {@code
   * MANAGEMENT_SERVER_PORT} sets.
   */
  static void assertHealthProbes(Container container, Map<String, String> environment) {
    assertThat(container.getPorts())
        .filteredOn(port -> "management".equals(port.getName()))
        .singleElement()
        .satisfies(
            port ->
                assertThat(String.valueOf(port.getContainerPort()))
                    .isEqualTo(environment.get("MANAGEMENT_SERVER_PORT")));
    assertProbe(container.getStartupProbe(), "/actuator/health/liveness");
    assertProbe(container.getLivenessProbe(), "/actuator/health/liveness");
    assertProbe(container.getReadinessProbe(), "/actuator/health/readiness");
  }

  private static void assertProbe(Probe probe, String path) {
    assertThat(probe).isNotNull();
    assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
    assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("management");
    assertThat(probe.getTimeoutSeconds()).isPositive();
    assertThat(probe.getFailureThreshold()).isPositive();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("overlays")
  void every_container_requests_and_limits_cpu_and_memory(RenderedOverlay overlay) {
    for (PodSpec pod : pods(overlay)) {
      pod.getContainers().forEach(ManifestsTest::assertRequestsAndLimits);
    }
  }

  static void assertRequestsAndLimits(Container container) {
    var requests = container.getResources().getRequests();
    var limits = container.getResources().getLimits();
    assertThat(requests).containsKeys("cpu", "memory");
    assertThat(limits).containsKeys("cpu", "memory");
    assertThat(limits.get("memory"))
        .as(
            "%s: memory limit = request: the heap is a share of it, never overcommitted",
            container.getName())
        .isEqualTo(requests.get("memory"));
    assertThat(Quantity.getAmountInBytes(limits.get("cpu")))
        .isGreaterThanOrEqualTo(Quantity.getAmountInBytes(requests.get("cpu")));
    assertThat(Quantity.getAmountInBytes(limits.get("memory")).longValue())
        .as("%s: room for a JVM", container.getName())
        .isGreaterThanOrEqualTo(256L * 1024 * 1024);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("overlays")
  void every_pod_runs_as_non_root_without_privileges_on_a_read_only_root(RenderedOverlay overlay) {
    pods(overlay).forEach(ManifestsTest::assertNonRootWithoutPrivilegesOnAReadOnlyRoot);
  }

  static void assertNonRootWithoutPrivilegesOnAReadOnlyRoot(PodSpec pod) {
    var security = pod.getSecurityContext();
    assertThat(security.getRunAsNonRoot()).isTrue();
    assertThat(security.getRunAsUser()).isPositive();
    assertThat(security.getRunAsGroup()).isPositive();
    assertThat(security.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(pod.getAutomountServiceAccountToken())
        .as("neither the services nor a worker call the Kubernetes API")
        .isFalse();
    for (Container container : pod.getContainers()) {
      var context = container.getSecurityContext();
      assertThat(context.getAllowPrivilegeEscalation()).isFalse();
      assertThat(context.getReadOnlyRootFilesystem()).isTrue();
      assertThat(context.getCapabilities().getDrop()).containsExactly("ALL");
      assertThat(context.getPrivileged()).isNotEqualTo(true);
      assertThat(container.getVolumeMounts())
          .as("a writable /tmp for Tomcat and the JVM")
          .anySatisfy(mount -> assertThat(mount.getMountPath()).isEqualTo("/tmp"));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("overlays")
  void termination_grace_outlasts_the_pre_stop_pause_and_the_shutdown_phase(
      RenderedOverlay overlay) {
    for (Workload workload : Workload.values()) {
      PodTemplateSpec template =
          overlay.named(Deployment.class, workload.name).getSpec().getTemplate();
      Container container = RenderedOverlay.container(template, workload.container);
      String phase =
          overlay
              .environment(template, workload.container)
              .get("SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE");
      assertThat(phase)
          .as("the shutdown phase timeout is set where the grace period is")
          .isNotNull();
      long preStop =
          container.getLifecycle() == null || container.getLifecycle().getPreStop() == null
              ? 0
              : container.getLifecycle().getPreStop().getSleep().getSeconds();

      assertThat(template.getSpec().getTerminationGracePeriodSeconds())
          .as("%s: SIGKILL must not cut the drain and commit of the consumers", workload.name)
          .isGreaterThan(preStop + DurationStyle.detectAndParse(phase).toSeconds());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("overlays")
  void replicas_spread_over_zones_and_nodes_and_one_at_a_time_may_be_disrupted(
      RenderedOverlay overlay) {
    for (Workload workload : Workload.values()) {
      Deployment deployment = overlay.named(Deployment.class, workload.name);
      Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
      List<TopologySpreadConstraint> spread =
          deployment.getSpec().getTemplate().getSpec().getTopologySpreadConstraints();

      assertThat(spread)
          .extracting(TopologySpreadConstraint::getTopologyKey)
          .containsExactlyInAnyOrder("topology.kubernetes.io/zone", "kubernetes.io/hostname");
      assertThat(spread)
          .allSatisfy(
              c -> {
                assertThat(c.getMaxSkew()).isEqualTo(1);
                assertThat(podLabels).containsAllEntriesOf(c.getLabelSelector().getMatchLabels());
              });
      assertThat(podLabels)
          .containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());

      PodDisruptionBudget budget = overlay.named(PodDisruptionBudget.class, workload.name);
      assertThat(podLabels).containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels());
      assertThat(budget.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("overlaysWithMonitoring")
  void prometheus_scrapes_the_management_port_through_the_service(RenderedOverlay overlay) {
    assertScrapedThroughTheServices(overlay);
  }

  static void assertScrapedThroughTheServices(RenderedOverlay overlay) {
    for (Workload workload : Workload.values()) {
      Deployment deployment = overlay.named(Deployment.class, workload.name);
      Service service = overlay.named(Service.class, workload.name);
      ServiceMonitor monitor = overlay.named(ServiceMonitor.class, workload.name);

      assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
          .containsAllEntriesOf(service.getSpec().getSelector());
      assertThat(service.getMetadata().getLabels())
          .containsAllEntriesOf(monitor.getSpec().getSelector().getMatchLabels());
      assertThat(monitor.getSpec().getEndpoints())
          .singleElement()
          .satisfies(
              endpoint -> {
                assertThat(endpoint.getPath()).isEqualTo("/actuator/prometheus");
                assertThat(service.getSpec().getPorts())
                    .anySatisfy(port -> assertThat(port.getName()).isEqualTo(endpoint.getPort()));
              });
    }
  }

  /** The PrometheusRule with Tributary's alerts (DashboardsAndAlertsTest checks its rules). */
  static final String ALERTS = "tributary";

  @ParameterizedTest(name = "{0}")
  @MethodSource("overlaysWithMonitoring")
  void the_alerts_live_with_the_service_monitors_that_feed_them(RenderedOverlay overlay) {
    assertAlertsBesideTheServiceMonitors(overlay);
  }

  static void assertAlertsBesideTheServiceMonitors(RenderedOverlay overlay) {
    PrometheusRule rules = overlay.named(PrometheusRule.class, ALERTS);
    for (Workload workload : Workload.values()) {
      ServiceMonitor monitor = overlay.named(ServiceMonitor.class, workload.name);
      assertThat(rules.getMetadata().getNamespace())
          .as("a Prometheus that selects the ServiceMonitors' namespace finds the rules too")
          .isEqualTo(monitor.getMetadata().getNamespace());
      assertThat(rules.getMetadata().getLabels())
          .as("selected by the same part-of label as %s", monitor.getMetadata().getName())
          .containsEntry(
              "app.kubernetes.io/part-of",
              monitor.getMetadata().getLabels().get("app.kubernetes.io/part-of"));
    }
    assertThat(rules.getSpec().getGroups())
        .isNotEmpty()
        .allSatisfy(group -> assertThat(group.getRules()).isNotEmpty());
  }

  /** The users of the API and the metrics, which both services read (deploy/README.md). */
  static final String USERS_SECRET = "tributary-users";

  /** Prometheus' login to the metrics, which the ServiceMonitors name. */
  static final String METRICS_SECRET = "tributary-metrics";

  @ParameterizedTest(name = "{0}")
  @MethodSource("overlaysWithMonitoring")
  void prometheus_scrapes_as_the_user_in_the_metrics_secret(RenderedOverlay overlay) {
    for (Workload workload : Workload.values()) {
      assertThat(overlay.named(ServiceMonitor.class, workload.name).getSpec().getEndpoints())
          .singleElement()
          .satisfies(
              endpoint -> {
                assertThat(endpoint.getBasicAuth())
                    .as("%s: the metrics need a user with the reader role", workload.name)
                    .isNotNull();
                assertThat(endpoint.getBasicAuth().getUsername().getName())
                    .isEqualTo(METRICS_SECRET);
                assertThat(endpoint.getBasicAuth().getUsername().getKey()).isEqualTo("username");
                assertThat(endpoint.getBasicAuth().getPassword().getName())
                    .isEqualTo(METRICS_SECRET);
                assertThat(endpoint.getBasicAuth().getPassword().getKey()).isEqualTo("password");
              });
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("overlays")
  void the_users_come_from_a_secret_and_prometheus_scrapes_as_one_of_them(RenderedOverlay overlay) {
    for (Workload workload : Workload.values()) {
      Container container =
          RenderedOverlay.container(
              overlay.named(Deployment.class, workload.name).getSpec().getTemplate(),
              workload.container);
      assertThat(container.getEnvFrom())
          .as("%s reads its users from the Secret %s", workload.name, USERS_SECRET)
          .anySatisfy(
              from -> {
                assertThat(from.getSecretRef()).isNotNull();
                assertThat(from.getSecretRef().getName()).matches(n -> isNamed(n, USERS_SECRET));
                assertThat(from.getSecretRef().getOptional())
                    .as("without users the pod must not start as if all were well")
                    .isNotEqualTo(true);
              });
    }
    Optional<Map<String, String>> users = overlay.generatedSecret(USERS_SECRET);
    Optional<Map<String, String>> login = overlay.generatedSecret(METRICS_SECRET);
    if (PRODUCTION.contains(overlay.name())) {
      assertThat(users).as("production's users are the cluster's, not this repository's").isEmpty();
      assertThat(login).isEmpty();
      return;
    }
    List<User> bound = BoundUsers.of(users.orElseThrow());
    assertThat(bound)
        .as("passwords are stored as bcrypt hashes, never in clear")
        .isNotEmpty()
        .allSatisfy(user -> assertThat(user.password()).startsWith("{bcrypt}$2"));
    if (!overlay.uses(Component.PROMETHEUS_OPERATOR)) {
      return;
    }
    String name = login.orElseThrow().get("username");
    String password = login.orElseThrow().get("password");
    PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    assertThat(bound)
        .as("Prometheus' login is a user's, with a role that may read the metrics")
        .anySatisfy(
            user -> {
              assertThat(user.name()).isEqualTo(name);
              assertThat(user.role()).isIn(Role.READER, Role.OPERATOR);
              assertThat(encoder.matches(password, user.password())).isTrue();
            });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("overlaysWithKeda")
  void keda_scales_each_service_on_its_groups_lag_never_beyond_the_topics_partitions(
      RenderedOverlay overlay) {
    assertScaledWithinThePartitions(overlay);
  }

  static void assertScaledWithinThePartitions(RenderedOverlay overlay) {
    for (Workload workload : Workload.values()) {
      Deployment deployment = overlay.named(Deployment.class, workload.name);
      Map<String, String> environment =
          overlay.environment(deployment.getSpec().getTemplate(), workload.container);
      Topics topics = new Topics(environment.getOrDefault("TRIBUTARY_KAFKA_TOPIC_PREFIX", ""));
      Keda.ScaledObjectSpec scaling =
          Keda.scaledObject(overlay.keda("ScaledObject", workload.name));

      assertThat(scaling.scaleTargetRef().kind()).isEqualTo("Deployment");
      assertThat(scaling.scaleTargetRef().name()).isEqualTo(workload.name);
      assertThat(scaling.minReplicaCount())
          .as("an apply never scales below what KEDA keeps")
          .isEqualTo(deployment.getSpec().getReplicas())
          .isPositive()
          .isLessThanOrEqualTo(scaling.maxReplicaCount());
      Keda.Trigger trigger = scaling.triggers().getFirst();
      assertThat(scaling.triggers()).hasSize(1);
      assertThat(trigger.type()).isEqualTo("kafka");
      assertThat(Keda.KAFKA_TRIGGER_PARAMETERS).containsAll(trigger.metadata().keySet());
      assertThat(trigger.metadata())
          .containsEntry("consumerGroup", workload.consumerGroup())
          .containsEntry("topic", workload.scaledTopic(topics))
          .containsEntry("bootstrapServers", environment.get("SPRING_KAFKA_BOOTSTRAP_SERVERS"))
          .containsEntry("allowIdleConsumers", "false");
      assertThat(trigger.intParameter("lagThreshold"))
          .as("scale out only for a backlog of more than a poll per replica")
          .isGreaterThanOrEqualTo(MAX_POLL_RECORDS);

      assertThat(scaling.maxReplicaCount())
          .as(
              "%s: a replica beyond the partitions of %s would get none and sit idle",
              workload.name, workload.scaledTopic(topics))
          .isLessThanOrEqualTo(partitions(overlay, workload.scaledTopic(topics), topics.prefix()));

      boolean sasl = !"PLAINTEXT".equals(environment.get("SPRING_KAFKA_SECURITY_PROTOCOL"));
      if (sasl) {
        assertThat(trigger.authenticationRef()).isNotNull();
        var authentication =
            Keda.triggerAuthentication(
                overlay.keda("TriggerAuthentication", trigger.authenticationRef().name()));
        assertThat(authentication.secretTargetRef())
            .extracting(Keda.SecretTargetRef::parameter)
            .containsAll(List.of("sasl", "tls", "username", "password", "ca"))
            .allSatisfy(p -> assertThat(Keda.KAFKA_AUTHENTICATION_PARAMETERS).contains(p));
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("overlays")
  void no_service_starts_more_replicas_than_its_topic_has_partitions(RenderedOverlay overlay) {
    for (Workload workload : Workload.values()) {
      Deployment deployment = overlay.named(Deployment.class, workload.name);
      String prefix =
          overlay
              .environment(deployment.getSpec().getTemplate(), workload.container)
              .getOrDefault("TRIBUTARY_KAFKA_TOPIC_PREFIX", "");
      String topic = workload.scaledTopic(new Topics(prefix));

      assertThat(deployment.getSpec().getReplicas())
          .as(
              "%s: without KEDA these replicas stay; beyond %s's partitions they idle",
              workload.name, topic)
          .isLessThanOrEqualTo(partitions(overlay, topic, prefix));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("overlaysWithTopics")
  void every_topic_is_a_kafka_topic_with_replication_and_retention(RenderedOverlay overlay) {
    assertEveryTopicIsAKafkaTopic(overlay);
  }

  static void assertEveryTopicIsAKafkaTopic(RenderedOverlay overlay) {
    Deployment processor = overlay.named(Deployment.class, Workload.PROCESSOR.name);
    Topics topics =
        new Topics(
            overlay
                .environment(processor.getSpec().getTemplate(), Workload.PROCESSOR.container)
                .getOrDefault("TRIBUTARY_KAFKA_TOPIC_PREFIX", ""));

    for (String name :
        List.of(
            topics.taskRequests(),
            topics.stepResults(),
            topics.schedulingSignals(),
            topics.taskEvents(),
            topics.deadLetters())) {
      KafkaTopic topic = topic(overlay, name);
      assertThat(topic.getSpec().getPartitions()).isPositive();
      assertThat(topic.getSpec().getReplicas()).isPositive();
      Map<String, Object> config = topic.getSpec().getConfig();
      assertThat(config).containsKeys("retention.ms", "min.insync.replicas");
      assertThat(((Number) config.get("min.insync.replicas")).intValue())
          .as("%s: a broker may fail without stopping producers (acks=all)", name)
          .isLessThanOrEqualTo(Math.max(1, topic.getSpec().getReplicas() - 1));
      assertThat(topic.getMetadata().getLabels()).containsKey("strimzi.io/cluster");
    }
    long deadLetterRetention =
        ((Number) topic(overlay, topics.deadLetters()).getSpec().getConfig().get("retention.ms"))
            .longValue();
    assertThat(deadLetterRetention)
        .as("dead letters wait for an operator longer than anything else is kept")
        .isGreaterThanOrEqualTo(
            ((Number)
                    topic(overlay, topics.stepResults()).getSpec().getConfig().get("retention.ms"))
                .longValue())
        .isGreaterThanOrEqualTo(Duration.ofDays(14).toMillis());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("overlays")
  void the_schema_owner_migrates_and_the_services_connect_as_the_runtime_role(
      RenderedOverlay overlay) {
    Job job = overlay.named(Job.class, "tributary-migrate");
    PodTemplateSpec jobTemplate = job.getSpec().getTemplate();
    Container migrate = RenderedOverlay.container(jobTemplate, "migrate");
    Container processor =
        RenderedOverlay.container(
            overlay.named(Deployment.class, Workload.PROCESSOR.name).getSpec().getTemplate(),
            Workload.PROCESSOR.container);

    assertThat(migrate.getImage())
        .as("the migrations shipped with the code")
        .isEqualTo(processor.getImage());
    assertThat(migrate.getArgs()).containsExactly("migrate");
    assertThat(jobTemplate.getSpec().getRestartPolicy()).isEqualTo("Never");
    assertThat(job.getSpec().getBackoffLimit()).isPositive();
    String owner = secretOf(migrate, "SPRING_DATASOURCE_USERNAME");
    for (Workload workload : Workload.values()) {
      PodTemplateSpec template =
          overlay.named(Deployment.class, workload.name).getSpec().getTemplate();
      Container container = RenderedOverlay.container(template, workload.container);
      assertThat(secretOf(container, "SPRING_DATASOURCE_USERNAME"))
          .as("%s connects with other credentials than the schema owner's", workload.name)
          .isNotEqualTo(owner);
      assertThat(secretOf(container, "SPRING_DATASOURCE_PASSWORD"))
          .isEqualTo(secretOf(container, "SPRING_DATASOURCE_USERNAME"));
      assertThat(overlay.environment(template, workload.container))
          .containsEntry("SPRING_FLYWAY_ENABLED", "false");
    }
  }

  private static String secretOf(Container container, String variable) {
    return container.getEnv().stream()
        .filter(e -> e.getName().equals(variable))
        .findFirst()
        .map(e -> e.getValueFrom().getSecretKeyRef().getName())
        .orElseThrow(
            () ->
                new AssertionError(container.getName() + " has no " + variable + " from a Secret"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("overlays")
  void network_policies_deny_by_default_and_cover_every_pod(RenderedOverlay overlay) {
    NetworkPolicy deny = overlay.named(NetworkPolicy.class, "tributary-default-deny");
    assertThat(deny.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
    assertThat(deny.getSpec().getIngress()).isEmpty();
    assertThat(deny.getSpec().getEgress()).isEmpty();
    Map<String, String> selected = deny.getSpec().getPodSelector().getMatchLabels();
    for (PodTemplateSpec template : templates(overlay)) {
      assertThat(template.getMetadata().getLabels()).containsAllEntriesOf(selected);
    }
    NetworkPolicy egress = overlay.named(NetworkPolicy.class, "tributary-egress");
    Set<Integer> ports =
        egress.getSpec().getEgress().stream()
            .flatMap(rule -> rule.getPorts().stream())
            .map(port -> port.getPort().getIntVal())
            .collect(Collectors.toSet());
    Map<String, String> environment =
        overlay.environment(
            overlay.named(Deployment.class, Workload.PROCESSOR.name).getSpec().getTemplate(),
            Workload.PROCESSOR.container);
    assertThat(ports).as("DNS").contains(53);
    assertThat(ports)
        .as("PostgreSQL at %s", environment.get("SPRING_DATASOURCE_URL"))
        .contains(port(environment.get("SPRING_DATASOURCE_URL"), "jdbc:postgresql://"));
    assertThat(
            Pattern.compile(",").splitAsStream(environment.get("SPRING_KAFKA_BOOTSTRAP_SERVERS")))
        .as("every bootstrap broker's port is open")
        .allSatisfy(broker -> assertThat(ports).contains(port(broker, "")));
  }

  /** The port of {@code host:port}, or of a URL's authority after {@code scheme}. */
  private static int port(String address, String scheme) {
    Matcher matcher = Pattern.compile(Pattern.quote(scheme) + "[^:/]+:(\\d+)").matcher(address);
    assertThat(matcher.lookingAt()).as("%s names its port", address).isTrue();
    return Integer.parseInt(matcher.group(1));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("productionOverlays")
  void production_uses_sasl_over_tls_and_generates_no_credentials(RenderedOverlay overlay) {
    for (Workload workload : Workload.values()) {
      PodTemplateSpec template =
          overlay.named(Deployment.class, workload.name).getSpec().getTemplate();
      Map<String, String> environment = overlay.environment(template, workload.container);
      assertThat(environment)
          .containsEntry("SPRING_KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
          .containsEntry("TRIBUTARY_KAFKA_CREATE_TOPICS", "false")
          .containsEntry(
              "SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG",
              "<secret " + workload.name + "/sasl.jaas.config>");
      assertThat(environment.get("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM"))
          .as("a mechanism that never sends the password itself over the connection, or PLAIN")
          .isIn("SCRAM-SHA-512", "SCRAM-SHA-256", "PLAIN");
      if (overlay.uses(Component.STRIMZI_USERS)) {
        assertThat(environment)
            .as("Strimzi's KafkaUsers authenticate with SCRAM-SHA-512")
            .containsEntry("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", "SCRAM-SHA-512")
            .as("Strimzi's brokers present its cluster CA's certificates")
            .containsKey("SPRING_KAFKA_SSL_TRUST_STORE_LOCATION");
      }
      assertThat(container(template, workload).getImage()).matches(".+/.+:\\d+\\.\\d+\\.\\d+");
      String trustStore = environment.get("SPRING_KAFKA_SSL_TRUST_STORE_LOCATION");
      if (trustStore == null) {
        continue;
      }
      Container container = RenderedOverlay.container(template, workload.container);
      assertThat(container.getVolumeMounts())
          .as("the trust store %s is mounted from a Secret", trustStore)
          .anySatisfy(
              mount -> {
                assertThat(trustStore).startsWith("file:" + mount.getMountPath() + "/");
                assertThat(template.getSpec().getVolumes())
                    .anySatisfy(
                        volume -> {
                          assertThat(volume.getName()).isEqualTo(mount.getName());
                          assertThat(volume.getSecret()).isNotNull();
                        });
              });
    }
    assertThat(overlay.all(Secret.class))
        .as("production credentials come from the cluster, never from this repository")
        .allSatisfy(secret -> assertThat(secret.getData()).doesNotContainKey("password"));
  }

  private static Container container(PodTemplateSpec template, Workload workload) {
    return RenderedOverlay.container(template, workload.container);
  }

  /**
   * The partitions of a topic: its KafkaTopic's where the overlay has the strimzi-topics component,
   * else those deploy/README.md creates it with by hand.
   */
  static int partitions(RenderedOverlay overlay, String topicName, String prefix) {
    return overlay.uses(Component.STRIMZI_TOPICS)
        ? topic(overlay, topicName).getSpec().getPartitions()
        : HandMadeTopics.partitions(topicName, prefix);
  }

  private static KafkaTopic topic(RenderedOverlay overlay, String topicName) {
    return overlay.all(KafkaTopic.class).stream()
        .filter(t -> t.getSpec().getTopicName().equals(topicName))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("no KafkaTopic for " + topicName + " in " + overlay.name()));
  }

  private static boolean isKafkaUser(HasMetadata resource) {
    return resource.getKind().equals("KafkaUser");
  }

  private static List<PodTemplateSpec> templates(RenderedOverlay overlay) {
    return Stream.concat(
            overlay.all(Deployment.class).stream().map(d -> d.getSpec().getTemplate()),
            overlay.all(Job.class).stream().map(j -> j.getSpec().getTemplate()))
        .toList();
  }

  private static List<PodSpec> pods(RenderedOverlay overlay) {
    return templates(overlay).stream().map(PodTemplateSpec::getSpec).toList();
  }
}
