package dev.tributary.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The topics deploy/README.md tells a cluster without Strimzi to create by hand: its lines {@code
 * topic <name> <partitions> <retention.ms>}, calls of the shell function the README defines. Where
 * no KafkaTopic is rendered, these are the partitions that bound the replicas.
 */
final class HandMadeTopics {

  /** One {@code topic} line of the README's commands. */
  record Topic(String name, int partitions, long retentionMs) {}

  private static final Pattern LINE = Pattern.compile("^ *topic +(\\S+) +(\\d+) +(\\d+)\\b");

  private HandMadeTopics() {}

  /** By topic name (without a prefix), in the README's order. */
  static Map<String, Topic> fromReadme() {
    Map<String, Topic> topics = new LinkedHashMap<>();
    try {
      Files.readString(DeployFiles.readme())
          .lines()
          .map(LINE::matcher)
          .filter(Matcher::find)
          .map(m -> new Topic(m.group(1), Integer.parseInt(m.group(2)), Long.parseLong(m.group(3))))
          .forEach(topic -> topics.put(topic.name(), topic));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return topics;
  }

  /** The partitions the README creates a topic with, its prefix removed. */
  static int partitions(String topicName, String prefix) {
    String name = topicName.substring(prefix.length());
    Topic topic = fromReadme().get(name);
    if (topic == null) {
      throw new NoSuchElementException(
          "deploy/README.md has no `topic " + name + " <partitions> <retention.ms>` line");
    }
    return topic.partitions();
  }
}
