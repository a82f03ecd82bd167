package dev.tributary.processor.deadletter;

/**
 * A record's place in the dead-letter topic; as text {@code <partition>-<offset>}, the dead
 * letter's id in the API.
 */
public record Position(int partition, long offset) implements Comparable<Position> {

  /**
   * The position a text names.
   *
   * @throws IllegalArgumentException when the text is not {@code <partition>-<offset>}
   */
  public static Position parse(String text) {
    int dash = text.indexOf('-');
    try {
      if (dash < 1) {
        throw new NumberFormatException();
      }
      Position position =
          new Position(
              Integer.parseInt(text.substring(0, dash)), Long.parseLong(text.substring(dash + 1)));
      if (position.partition < 0 || position.offset < 0) {
        throw new NumberFormatException();
      }
      return position;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a dead letter's id, <partition>-<offset> such as 0-42", e);
    }
  }

  @Override
  public String toString() {
    return partition + "-" + offset;
  }

  @Override
  public int compareTo(Position other) {
    return partition != other.partition
        ? Integer.compare(partition, other.partition)
        : Long.compare(offset, other.offset);
  }
}
