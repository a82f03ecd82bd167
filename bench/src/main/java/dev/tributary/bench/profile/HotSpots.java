package dev.tributary.bench.profile;

import dev.tributary.bench.system.StatementTally;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a recording's CPU samples and allocations fell.
 *
 * @param file the recording
 * @param samples execution samples in all
 * @param byThread samples by kind of thread (numbers stripped from names), most first
 * @param byLibrary samples with at least one frame of each library on the stack, most first
 * @param topFrames the first frame outside the JDK of each sample, most first
 * @param topTributary Tributary methods on the stack (inclusive), most first
 * @param allocations sampled allocation weight (MB) by the first frame outside the JDK, most first
 * @param gcPauseMillis total garbage-collection pause time
 * @param gcCount garbage collections
 * @param seconds the recording's length
 * @param socketWaits milliseconds spent in blocking socket reads, by kind of thread and peer
 *     (PostgreSQL, Kafka), most first
 */
public record HotSpots(
    Path file,
    long samples,
    Map<String, Long> byThread,
    Map<String, Long> byLibrary,
    Map<String, Long> topFrames,
    Map<String, Long> topTributary,
    Map<String, Long> allocations,
    double gcPauseMillis,
    long gcCount,
    double seconds,
    Map<String, Long> socketWaits) {

  private static final int TOP = 15;

  private static final List<String[]> LIBRARIES =
      List.of(
          new String[] {"dev.tributary.", "Tributary"},
          new String[] {"org.jooq.", "jOOQ"},
          new String[] {"org.postgresql.", "PostgreSQL JDBC"},
          new String[] {"com.zaxxer.hikari.", "HikariCP"},
          new String[] {"tools.jackson.", "Jackson"},
          new String[] {"com.fasterxml.jackson.", "Jackson"},
          new String[] {"org.apache.kafka.", "Kafka clients"},
          new String[] {"org.springframework.kafka.", "Spring Kafka"},
          new String[] {"org.springframework.transaction.", "Spring transactions"},
          new String[] {"io.micrometer.", "Micrometer"},
          new String[] {"ch.qos.logback.", "Logback"});

  /**
   * Reads a recording.
   *
   * @param peers names of the servers by port, to tell database waits from broker waits
   */
  public static HotSpots of(Path file, Map<Integer, String> peers) {
    Map<String, Long> socketWaits = new HashMap<>();
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    Map<String, Long> byThread = new HashMap<>();
    Map<String, Long> byLibrary = new HashMap<>();
    Map<String, Long> topFrames = new HashMap<>();
    Map<String, Long> topTributary = new HashMap<>();
    Map<String, Long> allocations = new HashMap<>();
    long samples = 0;
    double gcPause = 0;
    long gcCount = 0;
    try (RecordingFile recording = new RecordingFile(file)) {
      while (recording.hasMoreEvents()) {
        RecordedEvent event = recording.readEvent();
        first = Math.min(first, event.getStartTime().toEpochMilli());
        last = Math.max(last, event.getEndTime().toEpochMilli());
        switch (event.getEventType().getName()) {
          case "jdk.ExecutionSample" -> {
            samples++;
            RecordedThread thread = event.getThread("sampledThread");
            String name = thread == null ? "?" : thread.getJavaName();
            byThread.merge(StatementTally.kind(name == null ? "?" : name), 1L, Long::sum);
            RecordedStackTrace stack = event.getStackTrace();
            if (stack != null) {
              countStack(stack.getFrames(), byLibrary, topFrames, topTributary);
            }
          }
          case "jdk.ObjectAllocationSample" -> {
            RecordedStackTrace stack = event.getStackTrace();
            // A thread's first sample carries all it allocated before the recording: the
            // benchmark's own main thread starting the recording is such a thread.
            if (stack != null && !firstOutsideJdk(stack.getFrames()).startsWith("Profiler.")) {
              allocations.merge(
                  firstOutsideJdk(stack.getFrames()),
                  event.getLong("weight") / 1_000_000L,
                  Long::sum);
            }
          }
          case "jdk.SocketRead" -> {
            RecordedThread thread = event.getThread();
            String name =
                thread == null || thread.getJavaName() == null ? "?" : thread.getJavaName();
            String peer = peers.getOrDefault(event.getInt("port"), "port " + event.getInt("port"));
            socketWaits.merge(
                StatementTally.kind(name) + " → " + peer,
                event.getDuration().toNanos() / 1_000_000L,
                Long::sum);
          }
          case "jdk.GarbageCollection" -> {
            gcCount++;
            gcPause += event.getDuration("sumOfPauses").toNanos() / 1e6;
          }
          default -> {}
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the recording " + file, e);
    }
    return new HotSpots(
        file,
        samples,
        top(byThread, 10),
        top(byLibrary, LIBRARIES.size()),
        top(topFrames, TOP),
        top(topTributary, TOP),
        top(allocations, 10),
        gcPause,
        gcCount,
        last > first ? (last - first) / 1000.0 : 0,
        top(socketWaits, TOP));
  }

  private static void countStack(
      List<RecordedFrame> frames,
      Map<String, Long> byLibrary,
      Map<String, Long> topFrames,
      Map<String, Long> topTributary) {
    topFrames.merge(firstOutsideJdk(frames), 1L, Long::sum);
    Set<String> libraries = new HashSet<>();
    Set<String> tributary = new HashSet<>();
    for (RecordedFrame frame : frames) {
      if (frame.getMethod() == null) {
        continue;
      }
      String type = frame.getMethod().getType().getName();
      for (String[] library : LIBRARIES) {
        if (type.startsWith(library[0])) {
          libraries.add(library[1]);
        }
      }
      if (type.startsWith("dev.tributary.")
          && !type.startsWith("dev.tributary.bench.")
          && !type.contains("$$Lambda")) {
        tributary.add(method(frame));
      }
    }
    libraries.forEach(library -> byLibrary.merge(library, 1L, Long::sum));
    // (Lambda frames are skipped above: their names are addresses, not methods.)
    tributary.forEach(method -> topTributary.merge(method, 1L, Long::sum));
  }

  private static String firstOutsideJdk(List<RecordedFrame> frames) {
    for (RecordedFrame frame : frames) {
      if (frame.getMethod() == null) {
        continue;
      }
      String type = frame.getMethod().getType().getName();
      if (!(type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun."))) {
        return method(frame);
      }
    }
    return frames.isEmpty() || frames.getFirst().getMethod() == null
        ? "?"
        : method(frames.getFirst()) + " (JDK only)";
  }

  private static String method(RecordedFrame frame) {
    String type = frame.getMethod().getType().getName();
    return type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethod().getName();
  }

  private static Map<String, Long> top(Map<String, Long> counts, int limit) {
    Map<String, Long> top = new LinkedHashMap<>();
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
        .limit(limit)
        .forEach(e -> top.put(e.getKey(), e.getValue()));
    return top;
  }
}
