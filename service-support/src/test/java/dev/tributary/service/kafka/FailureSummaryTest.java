package dev.tributary.service.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * What poll failures say at WARN and above: classes and SQLSTATE, never the values in a message.
 */
class FailureSummaryTest {

  /** A unique violation as PostgreSQL reports it, its detail quoting the row's value. */
  private static final PSQLException DUPLICATE_KEY =
      new PSQLException(
          new ServerErrorMessage(
              "SERROR\0C23505\0Mduplicate key value violates unique constraint \"tasks_pkey\"\0"
                  + "DKey (identity_key)=(card-4111111111111111) already exists.\0\0"));

  @Test
  void a_database_error_is_named_by_its_classes_and_sqlstate() {
    var failure = new DataIntegrityViolationException("insert failed", DUPLICATE_KEY);

    assertThat(FailureSummary.of(failure))
        .isEqualTo("DataIntegrityViolationException < PSQLException [23505]");
  }

  @Test
  void no_value_from_the_messages_is_repeated() {
    var failure =
        new DataIntegrityViolationException("insert failed: " + DUPLICATE_KEY, DUPLICATE_KEY);
    assertThat(failure.getMessage()).as("the premise").contains("4111111111111111");

    assertThat(FailureSummary.of(failure)).doesNotContain("4111111111111111", "identity_key");
  }

  @Test
  void a_long_cause_chain_is_cut_after_five() {
    Throwable failure = new IllegalStateException("0");
    for (int i = 1; i < 8; i++) {
      failure = new IllegalStateException(String.valueOf(i), failure);
    }

    assertThat(FailureSummary.of(failure).split(" < ")).hasSize(5);
  }
}
