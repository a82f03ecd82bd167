package dev.tributary.bench.system;

import dev.tributary.contracts.Topics;
import dev.tributary.worker.StepContext;
import dev.tributary.worker.StepOutcome;
import dev.tributary.worker.TributaryWorker;
import dev.tributary.worker.WorkerOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Workers written with the worker library ({@code tributary-worker}), in a JVM of their own so that
 * the library's CPU can be measured apart from the services: one {@link TributaryWorker} with a
 * trivial handler for every step of the benchmark's {@code pipeline} template (each returns success
 * at once with a tiny result).
 *
 * <p>Arguments: bootstrap servers, topic prefix and, optionally, the worker's concurrency (the
 * library's default otherwise). The protocol with the parent process: once the worker's consumer
 * group is stable and owns every partition of the dispatch topic it prints {@value #READY} on
 * standard output, then runs until its standard input closes (the parent ended or closed it), and
 * closes the worker.
 */
public final class LibraryWorkerMain {

  /** The line printed once the worker owns its partitions. */
  public static final String READY = "READY";

  /** The handlers of the pipeline template: its steps name none, so each is its step's name. */
  public static final List<String> PIPELINE_HANDLERS = List.of("a", "b", "c", "d", "e");

  private static final Logger log = LoggerFactory.getLogger(LibraryWorkerMain.class);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  private static final long READY_POLL_NANOS = 100_000_000L;

  private LibraryWorkerMain() {}

  /** The consumer group of the library's workers for a topic prefix. */
  public static String groupId(String topicPrefix) {
    return topicPrefix + "library-workers";
  }

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println(
          "usage: LibraryWorkerMain <bootstrap servers> <topic prefix> [concurrency]");
      System.exit(2);
    }
    String bootstrapServers = args[0];
    String topicPrefix = args[1];
    int concurrency =
        args.length > 2 ? Integer.parseInt(args[2]) : WorkerOptions.DEFAULT_CONCURRENCY;
    WorkerOptions options =
        WorkerOptions.builder()
            .bootstrapServers(bootstrapServers)
            .groupId(groupId(topicPrefix))
            .topicPrefix(topicPrefix)
            .workerId("bench-library-worker")
            .concurrency(concurrency)
            .shutdownGracePeriod(Duration.ofSeconds(2))
            .build();
    TributaryWorker.Builder builder = TributaryWorker.builder(options);
    for (String handler : PIPELINE_HANDLERS) {
      builder.handler(TaskFeeder.NAMESPACE, handler, LibraryWorkerMain::answer);
    }
    TributaryWorker worker = builder.build();
    worker.start();
    try {
      String topic = new Topics(topicPrefix).dispatch(TaskFeeder.NAMESPACE);
      awaitAssignment(bootstrapServers, options.groupId(), topic);
      PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
      out.println(READY);
      while (System.in.read() >= 0) {
        // wait for the parent to close our input
      }
    } finally {
      worker.close();
      log.info("Library worker stopped: {}", worker.counters());
    }
  }

  /** The trivial handler: success at once, with a tiny result. */
  private static StepOutcome answer(StepContext context) {
    return StepOutcome.success(
        JsonNodeFactory.instance.objectNode().put("step", context.stepName()));
  }

  /**
   * Waits until the group is stable and its members own every partition of the topic.
   *
   * @throws IllegalStateException if that takes longer than {@link #READY_TIMEOUT}
   */
  private static void awaitAssignment(String bootstrapServers, String groupId, String topic) {
    Properties properties = new Properties();
    properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    try (Admin admin = Admin.create(properties)) {
      TopicDescription description =
          admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
      if (description == null) {
        throw new IllegalStateException("the dispatch topic " + topic + " does not exist");
      }
      int partitions = description.partitions().size();
      while (true) {
        Map<String, ConsumerGroupDescription> groups =
            admin.describeConsumerGroups(List.of(groupId)).all().get(30, TimeUnit.SECONDS);
        ConsumerGroupDescription group = groups.get(groupId);
        if (group != null && group.groupState() == GroupState.STABLE) {
          Set<TopicPartition> owned =
              group.members().stream()
                  .flatMap(member -> member.assignment().topicPartitions().stream())
                  .filter(partition -> partition.topic().equals(topic))
                  .collect(Collectors.toSet());
          if (owned.size() == partitions) {
            return;
          }
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "the library worker's group " + groupId + " owned no full assignment of " + topic);
        }
        LockSupport.parkNanos(READY_POLL_NANOS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the assignment", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not describe the library worker's group", e);
    }
  }
}
