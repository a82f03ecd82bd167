package dev.tributary.bench.infra;

/** Environment variables, blank treated as absent. */
final class Env {

  private Env() {}

  static String get(String name) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? "" : value.trim();
  }
}
