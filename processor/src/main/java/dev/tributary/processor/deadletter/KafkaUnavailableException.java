package dev.tributary.processor.deadletter;

/** Kafka did not answer an operator's request in time; nothing was changed. */
public final class KafkaUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  KafkaUnavailableException(String message) {
    super(message);
  }
}
