package dev.tributary.processor.template;

import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where templates are registered from at startup.
 *
 * @param directory a directory of {@code *.yaml}/{@code *.yml} templates; none by default
 * @param locations classpath resource patterns of templates; {@value #DEFAULT_LOCATION} by default
 */
@Validated
@ConfigurationProperties("tributary.templates")
public record TemplateProperties(
    @Nullable Path directory, @DefaultValue(DEFAULT_LOCATION) List<String> locations) {

  public static final String DEFAULT_LOCATION = "classpath*:tributary/templates/*.y*ml";
}
