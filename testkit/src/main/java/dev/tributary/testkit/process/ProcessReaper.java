package dev.tributary.testkit.process;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kills, when the test JVM exits, every process a fixture started and did not close, and deletes
 * their working directories: a failed or interrupted test must not leave brokers, databases and
 * services running, nor their data behind, on a shared machine. One shutdown hook for the JVM,
 * installed on first use. Only processes registered here are ever signalled, with their descendants
 * (PostgreSQL's backends, a shell's children): never anything found by name.
 *
 * <p>A JVM killed with SIGKILL runs no hook; its children then live on (their parent is gone), so
 * the chaos suite never SIGKILLs its own test JVM.
 */
final class ProcessReaper {

  private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();
  private static final Set<Scratch> DIRECTORIES = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            Thread.ofPlatform()
                .name("tributary-process-reaper")
                .unstarted(
                    () -> {
                      RUNNING.forEach(process -> killTree(process.toHandle()));
                      DIRECTORIES.forEach(Scratch::deleteQuietly);
                    }));
  }

  private ProcessReaper() {}

  static void register(Process process) {
    RUNNING.add(process);
    // Forget it once it has exited, so that the set does not grow over a long chaos run.
    // Removing from a set cannot fail: the future's outcome needs no checking.
    var unused = process.onExit().thenAccept(RUNNING::remove);
  }

  static void unregister(Process process) {
    RUNNING.remove(process);
  }

  /** Deletes the working directory when the JVM exits, unless its fixture deleted it before. */
  static void register(Scratch directory) {
    DIRECTORIES.add(directory);
  }

  static void unregister(Scratch directory) {
    DIRECTORIES.remove(directory);
  }

  /**
   * SIGKILL to the process, then to its descendants (listed before: once their parent is gone they
   * are nobody's descendants). The parent first, so that it cannot react to its children's deaths
   * (a postmaster would start crash handling).
   */
  static void killTree(ProcessHandle process) {
    var descendants = process.descendants().toList();
    process.destroyForcibly();
    descendants.forEach(ProcessHandle::destroyForcibly);
  }
}
