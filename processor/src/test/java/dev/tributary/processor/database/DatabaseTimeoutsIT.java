package dev.tributary.processor.database;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.processor.ProcessorIntegration;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Every session of the processor's pool carries the timeouts that bound a stall. */
class DatabaseTimeoutsIT extends ProcessorIntegration {

  @Autowired DSLContext dsl;

  @Test
  void a_session_of_the_pool_has_the_statement_lock_and_idle_transaction_timeouts() {
    assertThat(dsl.fetchValue("SHOW statement_timeout")).hasToString("30s");
    assertThat(dsl.fetchValue("SHOW lock_timeout")).hasToString("10s");
    assertThat(dsl.fetchValue("SHOW idle_in_transaction_session_timeout")).hasToString("1min");
    assertThat(dsl.fetchValue("SHOW tcp_keepalives_idle")).hasToString("30");
  }
}
