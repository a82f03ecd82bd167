package dev.tributary.testkit.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A fixture's working directory (data, configuration), deleted when the fixture closes, and where
 * its log files go.
 *
 * <p>Logs go to the directory named by the system property {@value #LOGS_PROPERTY} when set (the
 * modules' failsafe configuration sets it to {@code target/process-logs}), where they outlive the
 * test for whoever reads why it failed; otherwise into the working directory, and are deleted with
 * it.
 */
final class Scratch {

  /** System property: a directory for the processes' log files, kept after the tests. */
  static final String LOGS_PROPERTY = "tributary.process.logs";

  private final Path directory;
  private final Path logs;

  private Scratch(Path directory, Path logs) {
    this.directory = directory;
    this.logs = logs;
  }

  /** A new, empty working directory whose name starts with {@code tributary-<kind>-}. */
  static Scratch create(String kind) {
    try {
      Path directory = Files.createTempDirectory("tributary-" + kind + "-");
      String logsProperty = System.getProperty(LOGS_PROPERTY, "");
      Path logs = logsProperty.isBlank() ? directory : Path.of(logsProperty);
      Files.createDirectories(logs);
      Scratch scratch = new Scratch(directory, logs);
      ProcessReaper.register(scratch);
      return scratch;
    } catch (IOException e) {
      throw new UncheckedIOException("could not create a working directory for " + kind, e);
    }
  }

  Path directory() {
    return directory;
  }

  /**
   * A log file for the process {@code name}, unique to this working directory (its name ends in the
   * directory's random part, so that two fixtures of the same name never share a log).
   */
  Path logFile(String name) {
    String unique = directory.getFileName().toString();
    return logs.resolve(name + "-" + unique.substring(unique.lastIndexOf('-') + 1) + ".log");
  }

  /** Deletes the working directory and everything in it (the logs too, unless kept elsewhere). */
  void delete() {
    ProcessReaper.unregister(this);
    try {
      Files.walkFileTree(
          directory,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
                throws IOException {
              Files.deleteIfExists(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              // A file a dying process removed meanwhile (a PostgreSQL temporary file).
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
              Files.deleteIfExists(dir);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (NoSuchFileException gone) {
      // Deleted before.
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete " + directory, e);
    }
  }

  /** {@link #delete()}, for a shutdown hook: a failure leaves the directory. */
  void deleteQuietly() {
    try {
      delete();
    } catch (UncheckedIOException leftBehind) {
      // The JVM is exiting: nobody to tell.
    }
  }
}
