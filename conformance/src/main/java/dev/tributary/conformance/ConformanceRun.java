package dev.tributary.conformance;

import dev.tributary.contracts.MessageHeaders;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One run of the kit: waits for the worker to answer, sends every rule's dispatches at once,
 * collects the answers until every rule can be judged or the time is up, and prints the verdicts.
 */
final class ConformanceRun {

  /** How long to wait for the worker's first answer, re-sending a probe. */
  static final Duration WORKER_WAIT = Duration.ofSeconds(60);

  private static final Duration PROBE_INTERVAL = Duration.ofSeconds(5);
  private static final Duration POLL = Duration.ofMillis(200);

  private final KitArguments arguments;
  private final PrintStream out;
  private final Dispatches dispatches;
  private final List<Rule> rules;
  private final Observed observed = new Observed(System::nanoTime);

  ConformanceRun(KitArguments arguments, PrintStream out, Clock clock) {
    this.arguments = arguments;
    this.out = out;
    KitTemplate template = KitTemplate.forNamespace(arguments.namespace());
    this.dispatches = new Dispatches(template, arguments.namespace(), clock);
    this.rules = Rules.all(dispatches, template);
  }

  /**
   * Runs the scenarios and prints a line per rule selected (all when none is).
   *
   * @return 0 when every rule printed passed, 1 otherwise
   */
  int run() throws IOException {
    try (KitKafka kafka = KitKafka.connect(arguments)) {
      out.printf(
          "Tributary worker conformance kit: namespace %s, dispatches to %s, results from %s on %s%n",
          arguments.namespace(), kafka.dispatchTopic(), kafka.resultTopic(), arguments.bootstrap());
      if (!workerAnswers(kafka)) {
        out.printf(
            "FAIL  no worker answered an echo dispatch within %d s: is it running, reading %s and"
                + " writing %s?%n",
            WORKER_WAIT.toSeconds(), kafka.dispatchTopic(), kafka.resultTopic());
        return 1;
      }
      rules.forEach(rule -> rule.dispatches().forEach(kafka::send));
      kafka.flush();
      collect(kafka, arguments.timeout(), () -> rules.stream().allMatch(r -> r.settled(observed)));
    }
    List<Verdict> verdicts =
        rules.stream()
            .filter(r -> arguments.rules().isEmpty() || arguments.rules().contains(r.name()))
            .map(r -> r.judge(observed))
            .toList();
    verdicts.forEach(v -> out.println(v.line()));
    long failed = verdicts.stream().filter(v -> !v.passed()).count();
    out.printf(
        "%d rules: %d passed, %d failed%n", verdicts.size(), verdicts.size() - failed, failed);
    return failed == 0 ? 0 : 1;
  }

  /** Sends an echo dispatch every few seconds until one is answered. */
  private boolean workerAnswers(KitKafka kafka) {
    long giveUp = System.nanoTime() + WORKER_WAIT.toNanos();
    while (System.nanoTime() < giveUp) {
      Sent probe = dispatches.of("echo", Dispatches.object().put("probe", true));
      kafka.send(probe);
      kafka.flush();
      if (collect(kafka, PROBE_INTERVAL, () -> !observed.finals(probe).isEmpty())) {
        return true;
      }
      out.println("Waiting for the worker ...");
    }
    return false;
  }

  /** Reads answers until {@code done} or {@code limit}; returns whether done. */
  private boolean collect(KitKafka kafka, Duration limit, BooleanSupplier done) {
    long end = System.nanoTime() + limit.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() >= end) {
        return false;
      }
      for (ConsumerRecord<String, byte[]> record : kafka.poll(POLL)) {
        observed.add(
            Answer.read(
                record.key(), KitKafka.header(record, MessageHeaders.TRACEPARENT), record.value()));
      }
    }
    return true;
  }
}
