package dev.tributary.store.template;

import java.util.UUID;

/**
 * A registered template version.
 *
 * @param id the named task id
 * @param namespace its namespace
 * @param name its name
 * @param version its version
 * @param templateJson the template as registered
 * @param identityStrategy how duplicate task requests are recognised
 * @param digest a digest of the template's content
 */
public record StoredTemplate(
    UUID id,
    String namespace,
    String name,
    String version,
    String templateJson,
    String identityStrategy,
    String digest) {

  /** namespace/name@version, for messages. */
  public String reference() {
    return namespace + "/" + name + "@" + version;
  }
}
