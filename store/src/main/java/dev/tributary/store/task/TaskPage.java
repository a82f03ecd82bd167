package dev.tributary.store.task;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A page of a task search, newest first.
 *
 * @param tasks the page
 * @param next where the next page starts; null on the last page
 */
public record TaskPage(List<TaskSummary> tasks, @Nullable Cursor next) {

  /**
   * A position in the search order: the last task of a page. Clients see it as an opaque string
   * ({@link #token()}), so that the order's columns can change without breaking their links.
   */
  public record Cursor(Instant createdAt, UUID id) {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    static Cursor after(TaskSummary last) {
      return new Cursor(last.createdAt(), last.id());
    }

    public String token() {
      return ENCODER.encodeToString((createdAt + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The cursor a {@link #token()} stands for.
     *
     * @throws IllegalArgumentException when the token is not one that {@link #token()} made
     */
    public static Cursor parse(String token) {
      try {
        String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        int bar = text.indexOf('|');
        if (bar < 0) {
          throw new IllegalArgumentException("not a task search cursor");
        }
        return new Cursor(
            Instant.parse(text.substring(0, bar)), UUID.fromString(text.substring(bar + 1)));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("not a task search cursor", e);
      }
    }
  }
}
