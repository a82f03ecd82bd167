package dev.tributary.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplatesTest {

  @Test
  void every_template_on_the_class_path_is_listed() throws IOException, URISyntaxException {
    Path resources =
        Path.of(Templates.class.getClassLoader().getResource(Templates.RESOURCE_DIRECTORY).toURI());
    List<String> files;
    try (Stream<Path> listing = Files.list(resources)) {
      files = listing.map(path -> path.getFileName().toString()).sorted().toList();
    }

    assertThat(Templates.ALL.stream().map(Templates.Template::file).sorted().toList())
        .isEqualTo(files)
        .isNotEmpty();
  }

  @Test
  void the_templates_are_written_as_they_are_on_the_class_path(@TempDir Path directory)
      throws IOException {
    Path target = directory.resolve("new/templates");
    Files.createDirectories(target);
    Files.writeString(target.resolve("hello.yaml"), "an older file, replaced");

    List<Path> written = Templates.write(target);

    assertThat(written)
        .containsExactly(target.resolve("fulfil_order.yaml"), target.resolve("hello.yaml"));
    for (Path file : written) {
      try (var original =
          Templates.class
              .getClassLoader()
              .getResourceAsStream(Templates.RESOURCE_DIRECTORY + file.getFileName())) {
        assertThat(Files.readAllBytes(file)).isEqualTo(original.readAllBytes());
      }
    }
    assertThat(Files.readString(written.getFirst()))
        .contains("namespace: demo", "name: fulfil_order");
  }
}
