package dev.tributary.demo;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * An external Kafka cluster, as the command line names it.
 *
 * @param bootstrapServers the brokers to connect to, {@code host:port[,host:port...]}
 * @param clientProperties client settings read from {@code configFile}; empty without one
 * @param configFile the {@code --kafka-config} file they were read from, if any
 * @param replicationFactor replication of the topics the services create; {@link
 *     #DEFAULT_REPLICATION_FACTOR} to pick it from the cluster's size
 */
record ExternalKafka(
    String bootstrapServers,
    Map<String, String> clientProperties,
    @Nullable Path configFile,
    int replicationFactor) {

  /** Replication picked from the cluster: {@link #PREFERRED_REPLICAS}, or fewer brokers' count. */
  static final int DEFAULT_REPLICATION_FACTOR = 0;

  /** Replicas of each topic when the cluster has that many brokers: a common production minimum. */
  static final int PREFERRED_REPLICAS = 3;

  ExternalKafka {
    clientProperties = Map.copyOf(clientProperties);
  }

  /** The replication factor for a cluster of {@code brokers} brokers. */
  short replicationFactor(int brokers) {
    int factor =
        replicationFactor == DEFAULT_REPLICATION_FACTOR
            ? Math.min(PREFERRED_REPLICAS, Math.max(1, brokers))
            : replicationFactor;
    return (short) factor;
  }

  /** Only the names of the client settings: their values may be secrets. */
  @Override
  public String toString() {
    return "ExternalKafka[bootstrapServers="
        + bootstrapServers
        + ", clientProperties="
        + new TreeMap<>(clientProperties).keySet()
        + ", configFile="
        + configFile
        + ", replicationFactor="
        + replicationFactor
        + "]";
  }
}
