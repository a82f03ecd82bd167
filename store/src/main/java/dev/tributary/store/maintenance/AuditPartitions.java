package dev.tributary.store.maintenance;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.val;

import org.jooq.DSLContext;
import org.jooq.impl.SQLDataType;

/**
 * Keeps monthly audit partitions created ahead of time through the migration's {@code
 * ensure_audit_partitions} function, which runs with its owner's rights: the runtime role cannot
 * create tables itself.
 */
public final class AuditPartitions {

  private final DSLContext dsl;

  public AuditPartitions(DSLContext dsl) {
    this.dsl = dsl;
  }

  /** Creates the partitions missing from this month to {@code monthsAhead}; returns how many. */
  public int ensure(int monthsAhead) {
    return dsl.select(field("ensure_audit_partitions({0})", SQLDataType.INTEGER, val(monthsAhead)))
        .fetchSingle()
        .value1();
  }
}
