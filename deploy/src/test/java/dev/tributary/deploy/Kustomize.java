package dev.tributary.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Renders an overlay with {@code kubectl kustomize}, exactly as {@code kubectl apply -k} would. */
final class Kustomize {

  private Kustomize() {}

  static String render(Path overlay) {
    String kubectl = System.getenv().getOrDefault("KUBECTL", "kubectl");
    try {
      Path output = Files.createTempFile("kustomize-", ".yaml");
      Path errors = Files.createTempFile("kustomize-", ".err");
      Process process =
          new ProcessBuilder(List.of(kubectl, "kustomize", overlay.toString()))
              .redirectOutput(output.toFile())
              .redirectError(errors.toFile())
              .start();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("kubectl kustomize " + overlay + " did not finish in 60 s");
      }
      String rendered = Files.readString(output, StandardCharsets.UTF_8);
      String failure = Files.readString(errors, StandardCharsets.UTF_8);
      Files.delete(output);
      Files.delete(errors);
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            "kubectl kustomize " + overlay + " failed (" + process.exitValue() + "): " + failure);
      }
      return rendered;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "could not run `"
              + kubectl
              + " kustomize`: the deploy tests need kubectl (with kustomize) on the PATH, or"
              + " KUBECTL naming it",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while rendering " + overlay, e);
    }
  }
}
