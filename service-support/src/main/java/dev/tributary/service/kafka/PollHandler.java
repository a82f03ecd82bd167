package dev.tributary.service.kafka;

import dev.tributary.contracts.InvalidMessageException;
import dev.tributary.service.deadletter.DeadLetters;
import dev.tributary.service.deadletter.Rejection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The one shape of the services' listeners: read each record of a poll into a message (or reject
 * it), apply the messages together with {@link PollIsolation}, and dead-letter every record that
 * was unreadable, rejected, or whose outcome says it can never apply, each with its reason. Offsets
 * are committed when {@link #handle} returns, after the dead letters were acknowledged; a transient
 * failure is rethrown, so the container retries the whole poll.
 *
 * @param <M> the messages
 * @param <O> the outcome of applying one message
 */
public final class PollHandler<M, O> {

  /** Reads one record into a message, or says why it cannot be one. */
  @FunctionalInterface
  public interface Reader<M> {

    /**
     * Reads one record.
     *
     * @throws InvalidMessageException when the record is not a readable message
     * @throws RejectedRecordException when it is readable but can never be applied
     */
    M read(ConsumerRecord<String, byte[]> record);
  }

  /** A readable record that can never be applied, e.g. one keyed by something else. */
  public static final class RejectedRecordException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Rejection rejection;

    public RejectedRecordException(Rejection rejection) {
      super(rejection.reason(), null, false, false);
      this.rejection = rejection;
    }
  }

  private final String what;
  private final Reader<M> reader;
  private final Function<List<M>, List<O>> apply;
  private final Function<RuntimeException, O> failedAlone;
  private final Function<O, Optional<Rejection>> rejectionOf;
  private final DeadLetters deadLetters;

  /**
   * @param what what the messages are, for logs
   * @param reader reads a record
   * @param apply applies messages together, giving one outcome per message, in order
   * @param failedAlone the outcome of a message that failed on its own, not transiently
   * @param rejectionOf why an outcome means its record goes to the dead letters, if it does
   */
  public PollHandler(
      String what,
      Reader<M> reader,
      Function<List<M>, List<O>> apply,
      Function<RuntimeException, O> failedAlone,
      Function<O, Optional<Rejection>> rejectionOf,
      DeadLetters deadLetters) {
    this.what = what;
    this.reader = reader;
    this.apply = apply;
    this.failedAlone = failedAlone;
    this.rejectionOf = rejectionOf;
    this.deadLetters = deadLetters;
  }

  /** Handles a poll; returns the outcomes of the records that were read, in order. */
  public List<O> handle(List<ConsumerRecord<String, byte[]>> records) {
    List<ConsumerRecord<String, byte[]>> read = new ArrayList<>(records.size());
    List<M> messages = new ArrayList<>(records.size());
    List<DeadLetter> dead = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      try {
        messages.add(reader.read(record));
        read.add(record);
      } catch (InvalidMessageException e) {
        dead.add(new DeadLetter(record, Rejection.unreadable(e.getMessage())));
      } catch (RejectedRecordException e) {
        dead.add(new DeadLetter(record, e.rejection));
      }
    }
    List<O> outcomes = PollIsolation.apply(messages, apply, failedAlone, what);
    for (int i = 0; i < outcomes.size(); i++) {
      ConsumerRecord<String, byte[]> record = read.get(i);
      rejectionOf.apply(outcomes.get(i)).ifPresent(why -> dead.add(new DeadLetter(record, why)));
    }
    dead.forEach(letter -> deadLetters.send(letter.record(), letter.rejection()));
    return outcomes;
  }

  private record DeadLetter(ConsumerRecord<String, byte[]> record, Rejection rejection) {}
}
