package dev.tributary.e2e;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.ExecuteListenerProvider;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Makes a processor "die" in the middle of a poll, once armed: at the statement that finalizes
 * tasks (the last of a poll's transaction), either before the transaction commits or right after
 * it, before the listener returns and the offsets are committed. The death is an {@link Error},
 * which no handler retries; the test then stops the processor, as a crash would.
 */
final class CrashingProcessor implements ExecuteListener {

  private static final long serialVersionUID = 1L;

  /** When the processor dies. */
  enum Moment {
    BEFORE_COMMIT,
    AFTER_COMMIT
  }

  private final AtomicReference<Moment> armed = new AtomicReference<>();
  private final AtomicBoolean crashed = new AtomicBoolean();

  void arm(Moment moment) {
    armed.set(moment);
  }

  boolean crashed() {
    return crashed.get();
  }

  ExecuteListenerProvider provider() {
    return new DefaultExecuteListenerProvider(this);
  }

  @Override
  public void executeStart(ExecuteContext context) {
    String sql = context.sql();
    if (sql == null || !sql.startsWith("with \"moved\" as (update \"tasks\"")) {
      return;
    }
    Moment moment = armed.getAndSet(null);
    if (moment == Moment.BEFORE_COMMIT) {
      crashed.set(true);
      throw new SimulatedCrash("before commit");
    }
    if (moment == Moment.AFTER_COMMIT) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              crashed.set(true);
              throw new SimulatedCrash("after commit");
            }
          });
    }
  }

  /** The processor's death. */
  static final class SimulatedCrash extends Error {
    private static final long serialVersionUID = 1L;

    SimulatedCrash(String when) {
      super("simulated processor crash " + when);
    }
  }
}
