package dev.tributary.processor.reliability;

import dev.tributary.core.template.StepKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/**
 * A random valid template, as YAML for the processor and as plain definitions for {@link
 * WorkflowModel}: the model never reads the template back through the production parser.
 *
 * <p>Shape: one to three initial steps {@code r<i>}, each depending on some of the ones before it;
 * then one to three blocks hanging off an initial step (or off nothing):
 *
 * <ul>
 *   <li>a chain {@code x<k>} → {@code x<k>_2};
 *   <li>a decision {@code d<k>} with two or three branches, each a chain {@code d<k>_b<i>} → {@code
 *       d<k>_b<i>_2} or a batchable step with its own workers and merge; a convergence {@code
 *       d<k>_c} over the tails of some of the branches (intersection semantics), and a follower
 *       {@code d<k>_f} after it;
 *   <li>a batch: batchable {@code p<k>}, worker template {@code p<k>_w}, convergence {@code p<k>_m}
 *       over the workers, and a follower {@code p<k>_f}.
 * </ul>
 *
 * Retry policies vary per step: attempts, whether failures are retryable at all, backoff.
 */
record RandomTemplate(String name, String yaml, Map<String, StepDef> steps) {

  static final String NAMESPACE = "prop";

  /**
   * One template step, as the model needs it.
   *
   * @param branches for a decision: its declared branches
   * @param worker for a batchable step: its worker template
   * @param merge for a batchable step: its convergence over the workers, if any
   * @param follower the step created together with, and depending on, a convergence
   */
  record StepDef(
      String name,
      StepKind kind,
      List<String> dependsOn,
      int maxAttempts,
      boolean retryable,
      List<String> branches,
      @Nullable String worker,
      @Nullable String merge,
      @Nullable String follower,
      boolean initial) {}

  static RandomTemplate generate(String name, Random random) {
    Builder b = new Builder(random);
    int roots = 1 + random.nextInt(3);
    for (int i = 0; i < roots; i++) {
      List<String> deps = new ArrayList<>();
      for (int j = 0; j < i; j++) {
        if (random.nextInt(3) == 0) {
          deps.add("r" + j);
        }
      }
      b.step("r" + i, StepKind.STANDARD, deps, true);
    }
    int blocks = 1 + random.nextInt(3);
    for (int k = 0; k < blocks; k++) {
      List<String> anchor =
          random.nextInt(4) == 0 ? List.of() : List.of("r" + random.nextInt(roots));
      switch (random.nextInt(5)) {
        case 0 -> {
          b.step("x" + k, StepKind.STANDARD, anchor, true);
          if (random.nextBoolean()) {
            b.step("x" + k + "_2", StepKind.STANDARD, List.of("x" + k), true);
          }
        }
        case 1, 2 -> decision(b, "d" + k, anchor, random);
        default -> batch(b, "p" + k, anchor, true, random);
      }
    }
    return new RandomTemplate(name, b.yaml(name), Map.copyOf(b.steps));
  }

  private static void decision(Builder b, String d, List<String> anchor, Random random) {
    int count = 2 + random.nextInt(2);
    List<String> branches = new ArrayList<>();
    List<String> tails = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      branches.add(d + "_b" + i);
    }
    b.decision(d, anchor, branches);
    for (String branch : branches) {
      int shape = random.nextInt(4);
      if (shape == 0) {
        // A batchable branch: the decision's convergence can wait only for the batchable step
        // itself (its workers are created by another outcome).
        batch(b, branch, List.of(d), false, random);
        tails.add(branch);
      } else {
        b.step(branch, StepKind.STANDARD, List.of(d), false);
        if (shape == 1) {
          b.step(branch + "_2", StepKind.STANDARD, List.of(branch), false);
          tails.add(branch + "_2");
        } else {
          tails.add(branch);
        }
      }
    }
    if (random.nextInt(5) > 0) {
      List<String> over = new ArrayList<>();
      for (String tail : tails) {
        if (random.nextInt(4) > 0) {
          over.add(tail);
        }
      }
      if (over.isEmpty()) {
        over.add(tails.get(random.nextInt(tails.size())));
      }
      String convergence = d + "_c";
      b.step(convergence, StepKind.CONVERGENCE, over, false);
      String follower = random.nextBoolean() ? d + "_f" : null;
      if (follower != null) {
        b.step(follower, StepKind.STANDARD, List.of(convergence), false);
      }
      b.steps.compute(d, (name, def) -> withMerge(def, convergence, follower));
    }
  }

  private static void batch(
      Builder b, String p, List<String> anchor, boolean initial, Random random) {
    String worker = p + "_w";
    String merge = random.nextInt(5) > 0 ? p + "_m" : null;
    String follower = merge != null && random.nextBoolean() ? p + "_f" : null;
    b.batchable(p, anchor, worker, merge, follower, initial);
    b.step(worker, StepKind.BATCH_WORKER, List.of(), false);
    if (merge != null) {
      b.step(merge, StepKind.CONVERGENCE, List.of(worker), false);
      if (follower != null) {
        b.step(follower, StepKind.STANDARD, List.of(merge), false);
      }
    }
  }

  private static StepDef withMerge(StepDef d, String merge, @Nullable String follower) {
    return new StepDef(
        d.name(),
        d.kind(),
        d.dependsOn(),
        d.maxAttempts(),
        d.retryable(),
        d.branches(),
        d.worker(),
        merge,
        follower,
        d.initial());
  }

  /** Collects steps in declaration order, each with a random retry policy. */
  private static final class Builder {
    private final Random random;
    private final Map<String, StepDef> steps = new LinkedHashMap<>();
    private final Map<String, String> retry = new LinkedHashMap<>();

    Builder(Random random) {
      this.random = random;
    }

    void step(String name, StepKind kind, List<String> deps, boolean initial) {
      add(new StepDef(name, kind, deps, 0, true, List.of(), null, null, null, initial));
    }

    void decision(String name, List<String> deps, List<String> branches) {
      add(
          new StepDef(
              name,
              StepKind.DECISION,
              deps,
              0,
              true,
              List.copyOf(branches),
              null,
              null,
              null,
              deps.stream().allMatch(d -> steps.get(d).initial())));
    }

    void batchable(
        String name,
        List<String> deps,
        String worker,
        @Nullable String merge,
        @Nullable String follower,
        boolean initial) {
      add(
          new StepDef(
              name,
              StepKind.BATCHABLE,
              deps,
              0,
              true,
              List.of(),
              worker,
              merge,
              follower,
              initial));
    }

    private void add(StepDef def) {
      int maxAttempts = 1 + random.nextInt(4);
      boolean retryable = random.nextInt(8) > 0;
      int baseMs = 100 * (1 + random.nextInt(30));
      double multiplier = 1 + random.nextInt(3);
      int maxMs = baseMs * (1 + random.nextInt(10));
      double jitter = random.nextInt(6) / 10.0;
      retry.put(
          def.name(),
          "{max_attempts: %d, retryable: %s, backoff: {base: %dms, multiplier: %.1f, max: %dms, jitter: %.1f}}"
              .formatted(maxAttempts, retryable, baseMs, multiplier, maxMs, jitter));
      steps.put(
          def.name(),
          new StepDef(
              def.name(),
              def.kind(),
              def.dependsOn(),
              maxAttempts,
              retryable,
              def.branches(),
              def.worker(),
              def.merge(),
              def.follower(),
              def.initial()));
    }

    String yaml(String name) {
      StringBuilder yaml = new StringBuilder();
      yaml.append("namespace: ").append(NAMESPACE).append('\n');
      yaml.append("name: ").append(name).append('\n');
      yaml.append("version: \"1\"\n");
      yaml.append("identity: always_unique\n");
      yaml.append("steps:\n");
      for (StepDef step : steps.values()) {
        yaml.append("  - name: ").append(step.name()).append('\n');
        yaml.append("    kind: ").append(step.kind().wireName()).append('\n');
        if (!step.dependsOn().isEmpty()) {
          yaml.append("    depends_on: ").append(step.dependsOn()).append('\n');
        }
        if (!step.branches().isEmpty()) {
          yaml.append("    branches: ").append(step.branches()).append('\n');
        }
        if (step.worker() != null) {
          yaml.append("    batch_worker: ").append(step.worker()).append('\n');
        }
        yaml.append("    retry: ").append(retry.get(step.name())).append('\n');
      }
      return yaml.toString();
    }
  }
}
