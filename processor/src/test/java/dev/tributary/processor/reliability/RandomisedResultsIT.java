package dev.tributary.processor.reliability;

import dev.tributary.core.template.TemplateParser;
import dev.tributary.processor.result.ResultProcessor;
import dev.tributary.processor.task.TaskCreation;
import dev.tributary.processor.template.TemplateCatalog;
import dev.tributary.testkit.Invariants;
import dev.tributary.testkit.MutableClock;
import dev.tributary.testkit.TestEnvironment;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The randomised suite: for random valid templates (decisions with several branches and
 * convergence, batchable steps with workers and convergence), random worker outcomes per attempt,
 * duplicates, replayed polls, interleaving across steps and tasks, random poll sizes and a clock
 * moved past backoffs, every task ends complete or blocked by failures, exactly as an independent
 * model of the documented state machine predicts, and the database's invariants hold.
 *
 * <p>Tries per run: {@code jqwik.tries.default}, set from the Maven property {@code
 * tributary.property.tries} (a fast variant in {@code verify}; 1000 with {@code -Preliability}). A
 * failure names the seed; the template's YAML is in the assertion's description.
 */
class RandomisedResultsIT {

  private static final Logger log = LoggerFactory.getLogger(RandomisedResultsIT.class);
  private static final AtomicInteger TEMPLATES = new AtomicInteger();
  private static final RunCounts counts = new RunCounts();

  private static MutableClock clock;
  private static ProcessorHarness processor;
  private static DSLContext db;

  @BeforeContainer
  static void startProcessor() {
    clock = MutableClock.startingNow();
    processor = new ProcessorHarness(TestEnvironment.create(), clock);
    db = processor.environment().database().dsl();
  }

  @AfterContainer
  static void report() {
    log.info("Randomised results suite: {}", counts);
    if (processor != null) {
      processor.close();
    }
  }

  @Property(shrinking = ShrinkingMode.OFF)
  void every_task_ends_as_the_model_of_its_results_predicts(@ForAll long seed) {
    RandomTemplate template =
        RandomTemplate.generate("random" + TEMPLATES.incrementAndGet(), new Random(seed));
    processor
        .bean(TemplateCatalog.class)
        .register(TemplateParser.fromYaml(template.yaml(), "random template of seed " + seed));

    new RandomRun(
            seed,
            template,
            processor.bean(ResultProcessor.class),
            processor.bean(TaskCreation.class),
            db,
            clock,
            counts)
        .run();

    long started = System.nanoTime();
    Invariants.assertAll(db);
    counts.checkNanos.addAndGet(System.nanoTime() - started);
    counts.tries.incrementAndGet();
    Statistics.label("kinds")
        .collect(
            template.steps().values().stream()
                .map(s -> s.kind().wireName())
                .distinct()
                .sorted()
                .toList()
                .toString());
  }
}
