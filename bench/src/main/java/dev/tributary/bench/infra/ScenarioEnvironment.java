package dev.tributary.bench.infra;

import dev.tributary.bench.system.BenchCluster;
import dev.tributary.contracts.Topics;

/**
 * What one scenario runs on: a fresh database, topics with a prefix of its own (created with the
 * run's partition count), and the shared broker.
 *
 * @param database the database, migrated and empty
 * @param topics the topic names
 * @param bootstrapServers the broker
 * @param partitions partitions of every topic
 */
public record ScenarioEnvironment(
    BenchDatabase database, Topics topics, String bootstrapServers, int partitions) {

  /** Services on this environment; none started yet. */
  public BenchCluster cluster() {
    return new BenchCluster(database, bootstrapServers, topics, partitions);
  }
}
