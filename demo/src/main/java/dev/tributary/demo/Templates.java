package dev.tributary.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo's workflow templates, which the processor it starts registers from the class path. For a
 * processor of one's own, {@code --templates-dir} writes them into a directory.
 */
final class Templates {

  /** Where the templates are on the class path, as the processor finds them. */
  static final String RESOURCE_DIRECTORY = "tributary/templates/";

  /**
   * Every template file of the demo, with what serves it. {@code TemplatesTest} checks that this
   * lists exactly the files in {@value #RESOURCE_DIRECTORY}.
   */
  static final List<Template> ALL =
      List.of(
          new Template(
              "fulfil_order.yaml",
              FulfilmentWorker.NAMESPACE + "/" + FulfilmentWorker.TEMPLATE,
              "the sample Java workers, --workers-only"),
          new Template("hello.yaml", "shell/hello", "examples/shell-worker/worker.sh"));

  private Templates() {}

  /**
   * One template file.
   *
   * @param file its file name
   * @param reference the template's namespace/name
   * @param servedBy which worker runs its steps
   */
  record Template(String file, String reference, String servedBy) {}

  /**
   * Writes every template into {@code directory}, creating it, replacing files of the same names.
   *
   * @return the files written, in the order of {@link #ALL}
   */
  static List<Path> write(Path directory) throws IOException {
    Files.createDirectories(directory);
    List<Path> written = new ArrayList<>();
    for (Template template : ALL) {
      Path target = directory.resolve(template.file());
      try (InputStream in = open(template.file())) {
        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
      }
      written.add(target);
    }
    return written;
  }

  private static InputStream open(String file) {
    InputStream in =
        Templates.class.getClassLoader().getResourceAsStream(RESOURCE_DIRECTORY + file);
    if (in == null) {
      throw new UncheckedIOException(
          new IOException(
              RESOURCE_DIRECTORY + file + " is not on the class path; this indicates a bug"));
    }
    return in;
  }
}
