package dev.tributary.processor.task;

import dev.tributary.contracts.TaskRequest;
import dev.tributary.core.template.WorkflowTemplate;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The identity key of a task request: two requests with the same key are the same task. An explicit
 * idempotency key wins (scoped to the template's namespace and name, any version); otherwise the
 * template's strategy decides.
 */
final class IdentityKeys {

  /** Writes JSON with sorted keys, so that equal contexts hash equally whatever their order. */
  private static final JsonMapper CANONICAL =
      JsonMapper.builder().enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED).build();

  private IdentityKeys() {}

  /**
   * @param delivery what identifies this delivery of the request when it has no message id: a
   *     redelivered record has the same, a new request another
   * @throws RejectedRequestException when the template requires a key and the request has none
   */
  static String of(TaskRequest request, WorkflowTemplate template, String delivery) {
    if (request.idempotencyKey() != null) {
      return "key:"
          + sha256(template.namespace() + "\n" + template.name() + "\n" + request.idempotencyKey());
    }
    return switch (template.identity()) {
      case STRICT ->
          "strict:"
              + sha256(
                  template.reference() + "\n" + CANONICAL.writeValueAsString(request.context()));
      case CALLER_PROVIDED ->
          throw new RejectedRequestException(
              "template "
                  + template.reference()
                  + " uses identity strategy caller_provided: send an idempotency_key");
      // Unique per request, not per processing: a request redelivered after a crash between the
      // database commit and the offset commit must find the task it created.
      case ALWAYS_UNIQUE ->
          "unique:"
              + sha256(
                  template.reference()
                      + "\n"
                      + (request.messageId() != null
                          ? "message:" + request.messageId()
                          : delivery));
    };
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
