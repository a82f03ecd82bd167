package dev.tributary.bench.profile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * A flight recording of part of the run, with the JDK's "profile" settings (execution samples every
 * 10 ms, allocation samples, garbage collection) and every socket read. The broker runs in its own
 * JVM and PostgreSQL in its own process: the recording shows the services, the simulated workers
 * and the feeder.
 */
public final class Profiler {

  private final Recording recording;

  private Profiler(Recording recording) {
    this.recording = recording;
  }

  public static Profiler start(String name) {
    try {
      Recording recording = new Recording(Configuration.getConfiguration("profile"));
      recording.setName(name);
      // Every read from a socket, not only those over 10 ms: pgjdbc waits for PostgreSQL in
      // blocking socket reads, so their sum is each thread's time waiting for the database.
      recording.enable("jdk.SocketRead").withThreshold(java.time.Duration.ZERO);
      recording.setToDisk(true);
      recording.start();
      return new Profiler(recording);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the JFR 'profile' settings", e);
    } catch (ParseException e) {
      throw new IllegalStateException("the JDK's JFR 'profile' settings do not parse", e);
    }
  }

  /** Stops recording and writes the recording to {@code file}. */
  public Path stop(Path file) {
    try {
      recording.stop();
      Files.createDirectories(file.toAbsolutePath().getParent());
      recording.dump(file);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the recording to " + file, e);
    } finally {
      recording.close();
    }
  }
}
