package dev.tributary.deploy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A Dockerfile read the way BuildKit reads it, for the parts the tests check: comments and line
 * continuations removed, one instruction per entry, stages split at FROM.
 */
final class Dockerfile {

  record Instruction(String keyword, String arguments) {}

  record Stage(String image, String name, List<Instruction> instructions) {

    List<Instruction> all(String keyword) {
      return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
    }

    Instruction last(String keyword) {
      List<Instruction> found = all(keyword);
      if (found.isEmpty()) {
        throw new AssertionError("stage " + image + " has no " + keyword);
      }
      return found.getLast();
    }
  }

  private final List<Stage> stages;

  private Dockerfile(List<Stage> stages) {
    this.stages = stages;
  }

  static Dockerfile read(Path path) {
    List<String> lines;
    try {
      lines = Files.readAllLines(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Instruction> instructions = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : lines) {
      String stripped = line.strip();
      if (stripped.startsWith("#") || (stripped.isEmpty() && current.isEmpty())) {
        continue;
      }
      if (stripped.endsWith("\\")) {
        current.append(stripped, 0, stripped.length() - 1).append(' ');
        continue;
      }
      current.append(stripped);
      String instruction = current.toString().strip();
      current.setLength(0);
      if (instruction.isEmpty()) {
        continue;
      }
      int space = instruction.indexOf(' ');
      instructions.add(
          new Instruction(
              instruction.substring(0, space).toUpperCase(Locale.ROOT),
              instruction.substring(space + 1).strip()));
    }
    List<Stage> stages = new ArrayList<>();
    for (Instruction instruction : instructions) {
      if (instruction.keyword().equals("FROM")) {
        String[] words = instruction.arguments().split("\\s+", -1);
        String name = words.length == 3 && words[1].equalsIgnoreCase("AS") ? words[2] : null;
        stages.add(new Stage(words[0], name, new ArrayList<>()));
      } else if (stages.isEmpty()) {
        if (!instruction.keyword().equals("ARG")) {
          throw new AssertionError(path + ": " + instruction.keyword() + " before any FROM");
        }
      } else {
        stages.getLast().instructions().add(instruction);
      }
    }
    return new Dockerfile(List.copyOf(stages));
  }

  List<Stage> stages() {
    return stages;
  }

  Stage runtime() {
    return stages.getLast();
  }

  /** The final stage's ENTRYPOINT in exec form; shell form fails (java would not be PID 1). */
  List<String> entrypoint() {
    String arguments = runtime().last("ENTRYPOINT").arguments();
    if (!arguments.startsWith("[")) {
      throw new AssertionError("ENTRYPOINT is in shell form: " + arguments);
    }
    try {
      return new ObjectMapper().readValue(arguments, new TypeReference<List<String>>() {});
    } catch (IOException e) {
      throw new AssertionError("ENTRYPOINT is not a JSON array: " + arguments, e);
    }
  }

  /** The JVM options of the entrypoint: what stands between java and the main class. */
  List<String> jvmOptions() {
    List<String> entrypoint = entrypoint();
    return entrypoint.subList(1, entrypoint.size() - 1);
  }

  String mainClass() {
    return entrypoint().getLast();
  }

  /** The layer directories the runtime stage copies from the build stage, in order. */
  List<String> copiedLayers() {
    List<String> layers = new ArrayList<>();
    for (Instruction copy : runtime().all("COPY")) {
      String[] words = copy.arguments().split("\\s+", -1);
      if (words[0].startsWith("--from=")) {
        String source = words[1].replaceAll("/+$", "");
        layers.add(source.substring(source.lastIndexOf('/') + 1));
      }
    }
    return layers;
  }
}
