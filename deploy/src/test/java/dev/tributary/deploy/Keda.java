package dev.tributary.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBehavior;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * KEDA's resources, which have no model on Maven Central: the fields of {@code keda.sh/v1alpha1}
 * that Tributary uses, read with unknown fields failing, and the Kafka scaler's parameters checked
 * against the ones KEDA documents.
 */
final class Keda {

  static final String API_VERSION = "keda.sh/v1alpha1";

  /** The Kafka scaler's trigger metadata keys (KEDA 2.x documentation). */
  static final Set<String> KAFKA_TRIGGER_PARAMETERS =
      Set.of(
          "bootstrapServers",
          "consumerGroup",
          "topic",
          "lagThreshold",
          "activationLagThreshold",
          "offsetResetPolicy",
          "allowIdleConsumers",
          "excludePersistentLag",
          "scaleToZeroOnInvalidOffset",
          "limitToPartitionsWithLag",
          "ensureEvenDistributionOfPartitions",
          "partitionLimitation",
          "version",
          "sasl",
          "tls");

  /** The Kafka scaler's authentication parameters (TriggerAuthentication). */
  static final Set<String> KAFKA_AUTHENTICATION_PARAMETERS =
      Set.of(
          "sasl",
          "username",
          "password",
          "tls",
          "ca",
          "cert",
          "key",
          "keyPassword",
          "unsafeSsl",
          "oauthTokenEndpointUri",
          "scopes",
          "oauthExtensions");

  private static final ObjectMapper STRICT =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private Keda() {}

  /** Reads a KEDA resource strictly; unknown fields throw IllegalArgumentException. */
  static Object parse(GenericKubernetesResource resource) {
    Set<String> topLevel = resource.getAdditionalProperties().keySet();
    if (!Set.of("spec").containsAll(topLevel)) {
      throw new IllegalArgumentException("unknown top-level fields " + topLevel);
    }
    return switch (resource.getKind()) {
      case "ScaledObject" -> scaledObject(resource);
      case "TriggerAuthentication" -> triggerAuthentication(resource);
      default -> throw new IllegalArgumentException("no KEDA model for " + resource.getKind());
    };
  }

  static ScaledObjectSpec scaledObject(GenericKubernetesResource resource) {
    return STRICT.convertValue(
        resource.getAdditionalProperties().get("spec"), ScaledObjectSpec.class);
  }

  static TriggerAuthenticationSpec triggerAuthentication(GenericKubernetesResource resource) {
    return STRICT.convertValue(
        resource.getAdditionalProperties().get("spec"), TriggerAuthenticationSpec.class);
  }

  record ScaledObjectSpec(
      ScaleTargetRef scaleTargetRef,
      Integer minReplicaCount,
      Integer maxReplicaCount,
      Integer pollingInterval,
      Integer cooldownPeriod,
      Advanced advanced,
      List<Trigger> triggers) {}

  record ScaleTargetRef(String apiVersion, String kind, String name) {}

  record Advanced(HorizontalPodAutoscalerConfig horizontalPodAutoscalerConfig) {}

  record HorizontalPodAutoscalerConfig(HorizontalPodAutoscalerBehavior behavior) {}

  record Trigger(String type, Map<String, String> metadata, AuthenticationRef authenticationRef) {

    int intParameter(String name) {
      return Integer.parseInt(metadata.get(name));
    }
  }

  record AuthenticationRef(String name) {}

  record TriggerAuthenticationSpec(List<SecretTargetRef> secretTargetRef) {}

  record SecretTargetRef(String parameter, String name, String key) {}
}
