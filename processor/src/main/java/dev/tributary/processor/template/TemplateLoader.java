package dev.tributary.processor.template;

import dev.tributary.core.template.TemplateParser;
import dev.tributary.core.template.TemplatePlan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Registers the templates of the configured directory and classpath locations at startup. An
 * invalid template stops the service with its problems listed: a template that does not register is
 * a deployment mistake, better caught before any task needs it.
 */
@Component
@Order(0)
class TemplateLoader implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(TemplateLoader.class);

  private final TemplateCatalog catalog;
  private final TemplateProperties properties;

  TemplateLoader(TemplateCatalog catalog, TemplateProperties properties) {
    this.catalog = catalog;
    this.properties = properties;
  }

  @Override
  public void run(ApplicationArguments args) {
    List<TemplatePlan> plans = new ArrayList<>();
    for (String location : properties.locations()) {
      plans.addAll(fromClasspath(location));
    }
    if (properties.directory() != null) {
      plans.addAll(fromDirectory(properties.directory()));
    }
    plans.forEach(catalog::register);
    log.info("Registered {} templates at startup", plans.size());
  }

  private static List<TemplatePlan> fromClasspath(String pattern) {
    try {
      List<TemplatePlan> plans = new ArrayList<>();
      for (Resource resource : new PathMatchingResourcePatternResolver().getResources(pattern)) {
        String yaml = resource.getContentAsString(StandardCharsets.UTF_8);
        plans.add(TemplateParser.fromYaml(yaml, resource.getDescription()));
      }
      return plans;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read templates from " + pattern, e);
    }
  }

  private static List<TemplatePlan> fromDirectory(Path directory) {
    try (Stream<Path> files = Files.list(directory)) {
      List<TemplatePlan> plans = new ArrayList<>();
      for (Path file :
          files
              .filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
              .sorted()
              .toList()) {
        plans.add(TemplateParser.fromYaml(Files.readString(file), file.toString()));
      }
      return plans;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read templates from " + directory, e);
    }
  }
}
