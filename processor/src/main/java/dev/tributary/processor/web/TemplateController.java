package dev.tributary.processor.web;

import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.tributary.core.template.TemplateParser;
import dev.tributary.processor.template.TemplateCatalog;
import dev.tributary.processor.template.TemplateCatalog.RegisteredTemplate;
import dev.tributary.store.template.StoredTemplate;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Register a template (YAML or JSON); list registered templates; read one. */
@RestController
@RequestMapping("/api/v1/templates")
class TemplateController {

  private final TemplateCatalog catalog;

  TemplateController(TemplateCatalog catalog) {
    this.catalog = catalog;
  }

  /** Registers a template; idempotent for the same content. YAML is a superset of JSON. */
  @PostMapping(
      consumes = {"application/yaml", "application/x-yaml", "application/json", "text/plain"})
  ResponseEntity<TemplateRegistered> register(@RequestBody String body) {
    RegisteredTemplate registered = catalog.register(TemplateParser.fromYaml(body, "request body"));
    return ResponseEntity.ok(
        new TemplateRegistered(registered.id(), registered.template().reference()));
  }

  @GetMapping
  List<TemplateSummary> list() {
    return catalog.all().stream().map(TemplateSummary::of).toList();
  }

  /**
   * A registered template version as it was registered (as JSON, the canonical form YAML is stored
   * in).
   */
  @GetMapping("/{namespace}/{name}/{version}")
  TemplateContent read(
      @PathVariable String namespace, @PathVariable String name, @PathVariable String version) {
    return catalog
        .stored(namespace, name, version)
        .map(TemplateContent::of)
        .orElseThrow(
            () -> new NotFoundException("template " + namespace + "/" + name + "@" + version));
  }

  record TemplateRegistered(UUID id, String reference) {}

  /**
   * @param template the template's content, as JSON
   * @param digest a digest of that content: the same version registered with another is refused
   */
  record TemplateContent(
      UUID id,
      String namespace,
      String name,
      String version,
      String identityStrategy,
      String digest,
      @JsonRawValue String template) {
    static TemplateContent of(StoredTemplate t) {
      return new TemplateContent(
          t.id(),
          t.namespace(),
          t.name(),
          t.version(),
          t.identityStrategy(),
          t.digest(),
          t.templateJson());
    }
  }

  record TemplateSummary(UUID id, String namespace, String name, String version) {
    static TemplateSummary of(StoredTemplate t) {
      return new TemplateSummary(t.id(), t.namespace(), t.name(), t.version());
    }
  }
}
