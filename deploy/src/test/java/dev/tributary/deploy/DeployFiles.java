package dev.tributary.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Where deploy/'s files are: the module directory Maven passes, or the working directory. */
final class DeployFiles {

  private DeployFiles() {}

  static Path moduleDirectory() {
    String configured = System.getProperty("tributary.deploy.dir");
    return Path.of(configured == null ? "." : configured).toAbsolutePath().normalize();
  }

  static Path dockerfile(String service) {
    return moduleDirectory().resolve("docker").resolve(service).resolve("Dockerfile");
  }

  /** The Kustomize base: both services in core Kubernetes kinds. */
  static Path base() {
    return moduleDirectory().resolve("k8s/base");
  }

  /** An optional component under k8s/components, by its directory's name. */
  static Path component(String name) {
    return moduleDirectory().resolve("k8s/components").resolve(name);
  }

  /** The worker template a team copies for its own worker (k8s/worker). */
  static Path workerTemplate() {
    return moduleDirectory().resolve("k8s/worker");
  }

  /** deploy/README.md, which documents what the manifests leave to the reader. */
  static Path readme() {
    return moduleDirectory().resolve("README.md");
  }

  /** Every overlay under k8s/overlays: what a platform team applies. */
  static List<Path> overlays() {
    try (Stream<Path> entries = Files.list(moduleDirectory().resolve("k8s/overlays"))) {
      return entries.filter(Files::isDirectory).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path overlay(String name) {
    return moduleDirectory().resolve("k8s/overlays").resolve(name);
  }

  /**
   * prod's users.env.example, the documented form of the users Secret, read as {@code kubectl
   * create secret generic --from-env-file} reads it: KEY=VALUE lines; comments and blank lines
   * skipped.
   */
  static Map<String, String> usersExample() {
    Path file = overlay("prod").resolve("users.env.example");
    Map<String, String> variables = new LinkedHashMap<>();
    try {
      for (String line : Files.readAllLines(file)) {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
          continue;
        }
        int equals = trimmed.indexOf('=');
        if (equals < 1) {
          throw new IllegalArgumentException(file + ": not KEY=VALUE: " + line);
        }
        variables.put(trimmed.substring(0, equals), trimmed.substring(equals + 1));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return variables;
  }

  /** A service's executable jar, as Maven built it (integration tests only). */
  static Path serviceJar(String service) {
    String configured = System.getProperty("tributary." + service + ".jar");
    if (configured == null) {
      throw new IllegalStateException(
          "tributary." + service + ".jar is not set: run this test through Maven's failsafe");
    }
    Path jar = Path.of(configured);
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar + " does not exist: build with `-pl deploy -am verify` so the services are packaged");
    }
    return jar;
  }
}
