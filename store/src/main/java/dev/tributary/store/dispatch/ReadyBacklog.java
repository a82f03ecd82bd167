package dev.tributary.store.dispatch;

import static dev.tributary.store.schema.Tables.WORKFLOW_STEPS;

import dev.tributary.core.state.StepEvent;
import dev.tributary.core.state.StepGuard;
import dev.tributary.core.state.StepMachine;
import org.jooq.DSLContext;

/** How many steps are ready and not yet claimed; read from the ready partial index. */
public final class ReadyBacklog {

  private final DSLContext dsl;

  public ReadyBacklog(DSLContext dsl) {
    this.dsl = dsl;
  }

  public int count() {
    return dsl.fetchCount(
        WORKFLOW_STEPS,
        WORKFLOW_STEPS
            .STATE
            .eq(StepMachine.source(StepEvent.CLAIMED, StepGuard.READY))
            .and(WORKFLOW_STEPS.UNMET_DEPENDENCIES.eq(0)));
  }
}
