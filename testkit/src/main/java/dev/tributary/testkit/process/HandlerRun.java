package dev.tributary.testkit.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * One run of a handler of a {@link WorkerProcess}, as the worker wrote it to its run log when the
 * handler began: a line of tab-separated fields. A run that a SIGKILL cut short is in the log too,
 * so a test counts every time a handler started, whatever became of it.
 *
 * @param runId unique to this run
 * @param worker the worker process's incarnation, {@code <name>#<start>} ({@code workers-1#2} is
 *     the second start of {@code workers-1})
 * @param pid the worker process's pid
 * @param taskId the dispatch's task
 * @param stepId the dispatch's step
 * @param stepName the step's name
 * @param attempt the dispatch's attempt
 * @param startedAt when the handler began
 */
public record HandlerRun(
    UUID runId,
    String worker,
    long pid,
    UUID taskId,
    UUID stepId,
    String stepName,
    int attempt,
    Instant startedAt) {

  /**
   * A step's attempt: handler runs of the same attempt beyond the first are duplicates (a
   * redelivery after a crash, or a dispatch sent twice).
   */
  public record Attempt(UUID stepId, int attempt) {}

  /** The line written to the run log, without its line break. */
  public String toLine() {
    return String.join(
        "\t",
        runId.toString(),
        worker,
        String.valueOf(pid),
        taskId.toString(),
        stepId.toString(),
        stepName,
        String.valueOf(attempt),
        startedAt.toString());
  }

  /** Reads a line of the run log. */
  public static HandlerRun parse(String line) {
    String[] fields = line.split("\t", -1);
    if (fields.length != 8) {
      throw new IllegalArgumentException("not a handler run: '" + line + "'");
    }
    return new HandlerRun(
        UUID.fromString(fields[0]),
        fields[1],
        Long.parseLong(fields[2]),
        UUID.fromString(fields[3]),
        UUID.fromString(fields[4]),
        fields[5],
        Integer.parseInt(fields[6]),
        Instant.parse(fields[7]));
  }

  /**
   * Appends a run to a log, in one {@code write} to a file opened with {@code O_APPEND}: lines of
   * several threads, or of several processes sharing a log, never interleave. What is written is in
   * the kernel once this returns, so it outlives a SIGKILL of the writer.
   */
  public static void append(Path log, HandlerRun run) {
    byte[] line = (run.toLine() + "\n").getBytes(StandardCharsets.UTF_8);
    try (FileChannel channel =
        FileChannel.open(
            log, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      ByteBuffer buffer = ByteBuffer.wrap(line);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not append to " + log, e);
    }
  }

  /** Every run in a log, in the order they began to be written; none when there is no log yet. */
  public static List<HandlerRun> read(Path log) {
    if (!Files.exists(log)) {
      return List.of();
    }
    try {
      return Files.readAllLines(log, StandardCharsets.UTF_8).stream()
          // A writer killed mid-line leaves a partial last line (in practice never: one write).
          .filter(line -> line.split("\t", -1).length == 8)
          .map(HandlerRun::parse)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + log, e);
    }
  }

  /** The attempts that ran more than once, with their runs. */
  public static Map<Attempt, List<HandlerRun>> duplicates(List<HandlerRun> runs) {
    return runs.stream()
        .collect(
            Collectors.groupingBy(
                run -> new Attempt(run.stepId(), run.attempt()),
                LinkedHashMap::new,
                Collectors.toList()))
        .entrySet()
        .stream()
        .filter(entry -> entry.getValue().size() > 1)
        .collect(
            Collectors.toMap(
                Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
  }
}
