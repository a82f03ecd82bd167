-- Finished tasks by the time they finished (a finished task changes no more, so updated_at is
-- that time): retention finds the oldest without reading the rest. Its predicate is the core's
-- TaskMachine.FINISHED (SchemaAgreesWithCoreIT). Built concurrently: a table with years of tasks
-- keeps taking writes while it builds (Flyway runs this file outside a transaction).
CREATE INDEX CONCURRENTLY IF NOT EXISTS tasks_finished
    ON tasks (updated_at)
    WHERE state IN ('complete', 'cancelled', 'resolved_manually');
