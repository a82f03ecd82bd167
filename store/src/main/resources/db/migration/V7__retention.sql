-- Retention of finished tasks (see dev.tributary.store.maintenance.FinishedTaskRetention): the
-- scheduler deletes finished tasks older than the retention period in small batches, oldest
-- first, and drops the audit's monthly partitions that end before it.

-- Dropping a partition is DDL, which the runtime role may not run: like ensure_audit_partitions,
-- this runs with its owner's rights and only the runtime role may call it. It drops the monthly
-- partitions (named by ensure_audit_partitions) whose month ends at or before the given time.
-- Dropping a partition locks its parent briefly; lock_timeout bounds how long the hot path's
-- inserts can queue behind it: past it, the drop fails and is tried again on the next run.
CREATE FUNCTION drop_audit_partitions(ending_before timestamptz) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT SET lock_timeout = '2s'
AS $$
DECLARE
    partition text;
    dropped   integer := 0;
BEGIN
    FOR partition IN
        SELECT child.relname
        FROM pg_inherits
        JOIN pg_class child ON child.oid = pg_inherits.inhrelid
        JOIN pg_class parent ON parent.oid = pg_inherits.inhparent
        WHERE parent.relname IN ('step_transitions', 'task_transitions')
          AND parent.relnamespace = to_regnamespace(current_schema())
          AND child.relname ~ '_[0-9]{4}_[0-9]{2}$'
          AND to_date(right(child.relname, 7), 'YYYY_MM') + interval '1 month' <= ending_before
        ORDER BY child.relname
    LOOP
        -- IF EXISTS: another scheduler may have dropped it since the loop read the catalog.
        EXECUTE format('DROP TABLE IF EXISTS %I', partition);
        dropped := dropped + 1;
    END LOOP;
    RETURN dropped;
END
$$;

DO $$
BEGIN
    REVOKE EXECUTE ON FUNCTION drop_audit_partitions(timestamptz) FROM PUBLIC;
    EXECUTE format('GRANT EXECUTE ON FUNCTION drop_audit_partitions(timestamptz) TO %I',
                   '${runtime_role}');
END
$$;

-- Finished tasks by the time they finished (a finished task changes no more, so updated_at is
-- that time): retention finds the oldest without reading the rest. Its predicate is the core's
-- TaskMachine.FINISHED (SchemaAgreesWithCoreIT). Building it blocks writes to tasks for as long as
-- it takes; on a table with years of tasks, build it first by hand with CREATE INDEX CONCURRENTLY
-- (same name and definition), and this statement does nothing.
CREATE INDEX IF NOT EXISTS tasks_finished
    ON tasks (updated_at)
    WHERE state IN ('complete', 'cancelled', 'resolved_manually');
