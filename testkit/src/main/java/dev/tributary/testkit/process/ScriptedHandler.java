package dev.tributary.testkit.process;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What one handler of a {@link WorkerProcess} does with each dispatch, after waiting its {@link
 * #delay()} (pretended work; a delay past the step's timeout makes the attempt miss its deadline).
 * Written as text so that it travels in an environment variable:
 *
 * <pre>
 * succeed                      a success with a small result
 * fail_every:N                 every N-th run of this handler (in this process) fails, retryable
 * fail_attempts:N              attempts 1 to N fail, retryable; later ones succeed
 * create_steps:a+b             a decision creating branches a and b
 * no_branches                  a decision creating none
 * create_batches:N             a batchable step creating N batches (one item each)
 * no_batches                   a batchable step creating none
 * </pre>
 *
 * each optionally followed by {@code @<milliseconds>}, e.g. {@code succeed@200}.
 */
public sealed interface ScriptedHandler {

  /** How long the handler pretends to work before it answers. */
  Duration delay();

  /** This behaviour after another delay. */
  ScriptedHandler after(Duration delay);

  /** A success with a small result. */
  record Succeed(Duration delay) implements ScriptedHandler {
    @Override
    public ScriptedHandler after(Duration delay) {
      return new Succeed(delay);
    }
  }

  /** Every {@code n}-th run of the handler in its process fails retryably; the others succeed. */
  record FailEvery(int n, Duration delay) implements ScriptedHandler {
    public FailEvery {
      if (n < 1) {
        throw new IllegalArgumentException("fail_every needs N >= 1, was " + n);
      }
    }

    @Override
    public ScriptedHandler after(Duration delay) {
      return new FailEvery(n, delay);
    }
  }

  /** Attempts 1 to {@code attempts} fail retryably; later attempts succeed. */
  record FailAttempts(int attempts, Duration delay) implements ScriptedHandler {
    @Override
    public ScriptedHandler after(Duration delay) {
      return new FailAttempts(attempts, delay);
    }
  }

  /** A decision creating these branches; none ({@code no_branches}) when empty. */
  record CreateSteps(List<String> steps, Duration delay) implements ScriptedHandler {
    public CreateSteps {
      steps = List.copyOf(steps);
    }

    @Override
    public ScriptedHandler after(Duration delay) {
      return new CreateSteps(steps, delay);
    }
  }

  /** A batchable step creating {@code batches} batches of one item; none when zero. */
  record CreateBatches(int batches, Duration delay) implements ScriptedHandler {
    @Override
    public ScriptedHandler after(Duration delay) {
      return new CreateBatches(batches, delay);
    }
  }

  static ScriptedHandler succeed() {
    return new Succeed(Duration.ZERO);
  }

  static ScriptedHandler failEvery(int n) {
    return new FailEvery(n, Duration.ZERO);
  }

  static ScriptedHandler failAttempts(int attempts) {
    return new FailAttempts(attempts, Duration.ZERO);
  }

  static ScriptedHandler createSteps(String... steps) {
    return new CreateSteps(List.of(steps), Duration.ZERO);
  }

  static ScriptedHandler noBranches() {
    return new CreateSteps(List.of(), Duration.ZERO);
  }

  static ScriptedHandler createBatches(int batches) {
    return new CreateBatches(batches, Duration.ZERO);
  }

  static ScriptedHandler noBatches() {
    return new CreateBatches(0, Duration.ZERO);
  }

  /** The text form, e.g. {@code create_steps:a+b@50}. */
  default String encode() {
    String kind =
        switch (this) {
          case Succeed ignored -> "succeed";
          case FailEvery failing -> "fail_every:" + failing.n();
          case FailAttempts failing -> "fail_attempts:" + failing.attempts();
          case CreateSteps steps ->
              steps.steps().isEmpty()
                  ? "no_branches"
                  : "create_steps:" + String.join("+", steps.steps());
          case CreateBatches batches ->
              batches.batches() == 0 ? "no_batches" : "create_batches:" + batches.batches();
        };
    return delay().isZero() ? kind : kind + "@" + delay().toMillis();
  }

  /** Reads the text form. */
  static ScriptedHandler parse(String text) {
    String[] delayed = text.strip().split("@", 2);
    Duration delay =
        delayed.length == 2 ? Duration.ofMillis(Long.parseLong(delayed[1])) : Duration.ZERO;
    String[] kind = delayed[0].split(":", 2);
    String argument = kind.length == 2 ? kind[1] : "";
    ScriptedHandler handler =
        switch (kind[0]) {
          case "succeed" -> succeed();
          case "fail_every" -> failEvery(Integer.parseInt(argument));
          case "fail_attempts" -> failAttempts(Integer.parseInt(argument));
          case "create_steps" ->
              new CreateSteps(Arrays.asList(argument.split("\\+", -1)), Duration.ZERO);
          case "no_branches" -> noBranches();
          case "create_batches" -> createBatches(Integer.parseInt(argument));
          case "no_batches" -> noBatches();
          default ->
              throw new IllegalArgumentException(
                  "unknown scripted handler '" + text + "'; see ScriptedHandler for the forms");
        };
    return handler.after(delay);
  }

  /** Handlers by name as text: {@code name=behaviour;name=behaviour}. */
  static String encodeAll(Map<String, ScriptedHandler> handlers) {
    return handlers.entrySet().stream()
        .map(entry -> entry.getKey() + "=" + entry.getValue().encode())
        .collect(Collectors.joining(";"));
  }

  /** Reads {@link #encodeAll}'s text. */
  static Map<String, ScriptedHandler> parseAll(String text) {
    Map<String, ScriptedHandler> handlers = new LinkedHashMap<>();
    for (String entry : text.split(";", -1)) {
      if (!entry.isBlank()) {
        String[] pair = entry.split("=", 2);
        if (pair.length != 2) {
          throw new IllegalArgumentException("expected name=behaviour, was '" + entry + "'");
        }
        handlers.put(pair[0].strip(), parse(pair[1]));
      }
    }
    return handlers;
  }
}
