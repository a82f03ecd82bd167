package dev.tributary.processor.web;

import dev.tributary.contracts.InvalidMessageException;
import dev.tributary.processor.deadletter.DeadLetter;
import dev.tributary.processor.deadletter.DeadLetterFilter;
import dev.tributary.processor.deadletter.DeadLetterInbox;
import dev.tributary.processor.deadletter.DeadLetterInbox.Found;
import dev.tributary.processor.deadletter.DeadLetterInbox.Page;
import dev.tributary.processor.deadletter.DeadLetterReplayer;
import dev.tributary.processor.deadletter.DeadLetterReplayer.Outcome;
import dev.tributary.processor.deadletter.Position;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.security.Principal;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The dead-letter topic for operators: list dead letters, and replay them once fixed. */
@RestController
@Validated
@RequestMapping("/api/v1/dead-letters")
class DeadLetterController {

  /** Dead letters one replay request sends at most. */
  static final int MAX_REPLAY = 1000;

  private final DeadLetterInbox inbox;
  private final DeadLetterReplayer replayer;

  DeadLetterController(DeadLetterInbox inbox, DeadLetterReplayer replayer) {
    this.inbox = inbox;
    this.replayer = replayer;
  }

  /**
   * Dead letters, oldest first by partition, with their reason and origin. A page may hold fewer
   * than {@code limit} when the filter is rare (a request reads at most 10,000 records): follow
   * {@code next} until it is absent.
   *
   * @param originTopic only those read from this topic, e.g. {@code step-results}
   * @param reasonContains only those whose reason contains this text, ignoring case
   * @param includeReplayed also those already replayed
   * @param cursor where the page starts: the previous page's {@code next}
   * @param limit the page's size
   */
  @GetMapping
  DeadLetterList list(
      @RequestParam(name = "origin_topic", required = false) @Nullable String originTopic,
      @RequestParam(name = "reason_contains", required = false) @Nullable String reasonContains,
      @RequestParam(name = "include_replayed", defaultValue = "false") boolean includeReplayed,
      @RequestParam(required = false) @Nullable String cursor,
      @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
    Page page =
        inbox.page(
            new DeadLetterFilter(originTopic, reasonContains, includeReplayed),
            cursor == null ? null : position(cursor),
            limit);
    return new DeadLetterList(
        page.letters().stream().map(Found::letter).toList(),
        page.next() == null ? null : page.next().toString());
  }

  /**
   * @param deadLetters the page
   * @param next the {@code cursor} of the next page; absent when the topic was read to its end
   */
  record DeadLetterList(List<DeadLetter> deadLetters, @Nullable String next) {}

  /**
   * Sends dead letters back to the topic they came from: those named by {@code ids}, or the first
   * 1,000 that match {@code filter}. Each replay is recorded with the operator's name; a replay
   * that fails again becomes a new dead letter.
   */
  @PostMapping("/replay")
  Outcome replay(@RequestBody ReplayRequest request, @Nullable Principal operator) {
    List<Found> letters;
    if (request.ids() != null && request.filter() == null) {
      if (request.ids().isEmpty() || request.ids().size() > MAX_REPLAY) {
        throw new InvalidMessageException("ids must name 1 to " + MAX_REPLAY + " dead letters");
      }
      letters = inbox.at(request.ids().stream().map(DeadLetterController::position).toList());
    } else if (request.filter() != null && request.ids() == null) {
      letters = inbox.matching(request.filter(), MAX_REPLAY);
    } else {
      throw new InvalidMessageException("send either ids or filter, not both or neither");
    }
    return replayer.replay(letters, operator == null ? "anonymous" : operator.getName());
  }

  /**
   * @param ids the dead letters to replay, by id
   * @param filter or those that match this filter
   */
  record ReplayRequest(@Nullable List<String> ids, @Nullable DeadLetterFilter filter) {}

  private static Position position(String id) {
    try {
      return Position.parse(id);
    } catch (IllegalArgumentException e) {
      throw new InvalidMessageException(String.valueOf(e.getMessage()), e);
    }
  }
}
