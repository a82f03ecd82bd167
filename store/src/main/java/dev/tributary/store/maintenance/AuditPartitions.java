package dev.tributary.store.maintenance;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.val;

import java.time.Instant;
import org.jooq.DSLContext;
import org.jooq.impl.SQLDataType;

/**
 * Keeps monthly audit partitions created ahead of time, and drops those past retention, through the
 * migrations' {@code ensure_audit_partitions} and {@code drop_audit_partitions} functions, which
 * run with their owner's rights: the runtime role cannot create or drop tables itself.
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

  /**
   * Drops the monthly partitions whose month ended at or before {@code cutoff}; returns how many.
   */
  public int dropEndingBefore(Instant cutoff) {
    return dsl.select(field("drop_audit_partitions({0})", SQLDataType.INTEGER, val(cutoff)))
        .fetchSingle()
        .value1();
  }
}
