package dev.tributary.testkit;

/**
 * A broker of its own, for tests that stop and restart it (the shared one must stay up for everyone
 * else). Restarting keeps its data and port, like restarting a real broker; it listens on 127.0.0.1
 * only, before and after ({@link LoopbackKafka}).
 */
public final class RestartableKafka implements AutoCloseable {

  private final LoopbackKafka broker;

  public RestartableKafka() {
    broker = LoopbackKafka.start(KafkaServer.embeddedBrokerProperties());
  }

  public String bootstrapServers() {
    return broker.bootstrapServers();
  }

  /** Stops the broker process; clients see it gone until {@link #start()}. */
  public void stop() {
    broker
        .cluster()
        .brokers()
        .values()
        .forEach(
            b -> {
              b.shutdown();
              b.awaitShutdown();
            });
  }

  /** Starts the stopped broker again, with its data, on its port. */
  public void start() {
    broker.cluster().brokers().values().forEach(b -> b.startup());
  }

  @Override
  public void close() {
    broker.close();
  }
}
