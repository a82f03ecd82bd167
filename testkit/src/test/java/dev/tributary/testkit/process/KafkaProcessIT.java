package dev.tributary.testkit.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tributary.testkit.KafkaProbe;
import dev.tributary.testkit.ListeningSocket;
import dev.tributary.testkit.TestTopics;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One broker process for the class, with a {@link DelayProxy} in front of its proxied listener.
 * Each test uses topics of its own and leaves the broker running.
 */
class KafkaProcessIT {

  private static final int PARTITIONS = 3;

  private static DelayProxy proxy;
  private static KafkaProcess kafka;

  @BeforeAll
  static void startBroker() {
    int brokerSide = FreePort.next();
    proxy = DelayProxy.start(brokerSide);
    kafka =
        KafkaProcess.builder()
            .partitions(PARTITIONS)
            .proxiedListener(brokerSide, proxy.port())
            .start();
  }

  @AfterAll
  static void stopBroker() {
    if (kafka != null) {
      kafka.close();
    }
    proxy.close();
  }

  @BeforeEach
  void brokerRunsAndProxyPasses() {
    if (!kafka.isAlive()) {
      kafka.start();
    }
    proxy.pass();
  }

  @Test
  void a_killed_broker_comes_back_on_its_port_with_its_records() throws Exception {
    String topic = TestTopics.uniquePrefix() + "records";
    long pid = kafka.pid();
    if (ListeningSocket.readable()) {
      assertThat(ListeningSocket.ofProcess(pid))
          .as("broker, controller and proxied listeners, on loopback only")
          .hasSize(3)
          .allSatisfy(
              socket -> assertThat(socket.address().getHostAddress()).isEqualTo("127.0.0.1"))
          .extracting(ListeningSocket::toString)
          .contains(kafka.bootstrapServers());
    }
    try (KafkaProbe probe = new KafkaProbe(kafka.bootstrapServers())) {
      probe.send(topic, "key", bytes("before the crash"));
      assertThat(partitions(topic)).as("auto-created with num.partitions").isEqualTo(PARTITIONS);
    }

    kafka.kill();

    assertThat(kafka.exitCode()).hasValue(137);
    assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
    assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port()).close())
        .as("nothing listens on the broker's port")
        .isInstanceOf(IOException.class);

    kafka.start();

    assertThat(kafka.pid()).isNotEqualTo(pid);
    try (KafkaProbe probe = new KafkaProbe(kafka.bootstrapServers());
        KafkaProbe.TopicReader reader = probe.reader(topic)) {
      probe.send(topic, "key", bytes("after the restart"));
      assertThat(reader.awaitCount(2))
          .extracting(record -> new String(record.value(), StandardCharsets.UTF_8))
          .containsExactly("before the crash", "after the restart");
    }
  }

  @Test
  void a_client_bootstrapped_at_the_proxy_is_delayed_and_times_out_in_a_black_hole()
      throws Exception {
    String topic = TestTopics.uniquePrefix() + "proxied";
    try (KafkaProducer<String, String> proxied = producer(kafka.proxiedBootstrapServers());
        KafkaProbe direct = new KafkaProbe(kafka.bootstrapServers())) {
      send(proxied, topic, "through the proxy");
      assertThat(proxy.connections())
          .as("the proxied client connects through the proxy")
          .isPositive();

      Duration delay = Duration.ofMillis(700);
      proxy.delay(delay);
      long start = System.nanoTime();
      send(proxied, topic, "delayed");
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .as("a request and its response, each delayed")
          .isGreaterThanOrEqualTo(delay.multipliedBy(2));

      proxy.blackHole();
      assertThatThrownBy(() -> send(proxied, topic, "lost"))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(TimeoutException.class);
      direct.send(topic, "key", bytes("direct clients are not affected"));

      proxy.pass();
      await("the proxied producer sending again")
          .atMost(Duration.ofSeconds(60))
          .ignoreExceptions()
          .untilAsserted(() -> send(proxied, topic, "after the black hole"));

      try (KafkaProbe.TopicReader reader = direct.reader(topic)) {
        assertThat(reader.awaitRecords(records -> values(records).contains("after the black hole")))
            .extracting(record -> new String(record.value(), StandardCharsets.UTF_8))
            .contains("through the proxy", "delayed", "direct clients are not affected")
            .doesNotContain("lost");
      }
    }
  }

  private static List<String> values(List<ConsumerRecord<String, byte[]>> records) {
    return records.stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
  }

  private static KafkaProducer<String, String> producer(String bootstrapServers) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
            ProducerConfig.LINGER_MS_CONFIG, 0,
            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000,
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 3_000,
            ProducerConfig.MAX_BLOCK_MS_CONFIG, 3_000));
  }

  private static void send(KafkaProducer<String, String> producer, String topic, String value)
      throws Exception {
    producer.send(new ProducerRecord<>(topic, "key", value)).get(30, TimeUnit.SECONDS);
  }

  private static int partitions(String topic) throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      return admin
          .describeTopics(List.of(topic))
          .allTopicNames()
          .get(30, TimeUnit.SECONDS)
          .get(topic)
          .partitions()
          .size();
    }
  }

  private static int port() {
    String bootstrap = kafka.bootstrapServers();
    return Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
