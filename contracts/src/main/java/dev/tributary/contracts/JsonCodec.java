package dev.tributary.contracts;

import dev.tributary.contracts.internal.DecodeFailures;
import dev.tributary.contracts.internal.WireJson;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;

/**
 * Reads and writes one message type as the wire's JSON. Thread-safe; make one per type and keep it.
 *
 * @param <T> the message type
 */
public final class JsonCodec<T> {

  /**
   * Messages above this size are rejected unread: {@link Limits#MAX_MESSAGE_BYTES}, under the name
   * code written before {@link Limits} reads it by.
   */
  public static final int MAX_MESSAGE_BYTES = Limits.MAX_MESSAGE_BYTES;

  private final Class<T> type;
  private final ObjectReader reader;
  private final ObjectWriter writer;

  private JsonCodec(Class<T> type) {
    this.type = type;
    this.reader = WireJson.mapper().readerFor(type);
    this.writer = WireJson.mapper().writerFor(type);
  }

  /** A codec for one of the message records of this package. */
  public static <T> JsonCodec<T> of(Class<T> type) {
    return new JsonCodec<>(type);
  }

  /** The message as JSON bytes. */
  public byte[] encode(T message) {
    return writer.writeValueAsBytes(message);
  }

  /** The message as JSON text. */
  public String encodeToString(T message) {
    return writer.writeValueAsString(message);
  }

  /**
   * The message these bytes hold.
   *
   * @throws InvalidMessageException with a reason fit for a dead-letter header
   */
  public T decode(byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      throw new InvalidMessageException("empty message; expected a JSON " + type.getSimpleName());
    }
    if (bytes.length > Limits.MAX_MESSAGE_BYTES) {
      throw new InvalidMessageException(
          "message of " + bytes.length + " bytes exceeds the limit of " + Limits.MAX_MESSAGE_BYTES);
    }
    T message;
    try {
      message = reader.readValue(bytes);
    } catch (JacksonException e) {
      throw new InvalidMessageException(DecodeFailures.reason(type, e), e);
    }
    if (message == null) {
      // Jackson reads the JSON text `null` as no value at all rather than failing.
      throw new InvalidMessageException(
          "the message is JSON null; expected a JSON object (" + type.getSimpleName() + ")");
    }
    return message;
  }

  /** A Kafka serializer for this type. */
  public Serializer<T> serializer() {
    return (topic, message) -> message == null ? null : encode(message);
  }

  /**
   * A Kafka deserializer for this type; it throws {@link InvalidMessageException} for bad input, so
   * wrap it in an error-handling deserializer where a poll must survive bad records.
   */
  public Deserializer<T> deserializer() {
    return (topic, bytes) -> decode(bytes);
  }
}
