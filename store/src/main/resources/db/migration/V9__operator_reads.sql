-- What operators read, at the cost of the page they read. Task search pages newest first by
-- (created_at, id); each index serves one filter with that order, so a page stops after its last
-- row, however many tasks the table holds (TaskSearchIT checks the plans). Building an index
-- blocks writes to tasks while it runs: on a table with years of tasks, build them first by hand
-- with CREATE INDEX CONCURRENTLY (same names and definitions), and these statements do nothing.
-- The state index costs no HOT update that tasks_finished (V7) did not already cost: a task's
-- state was indexed by its predicate.
CREATE INDEX IF NOT EXISTS tasks_created ON tasks (created_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS tasks_state_created ON tasks (state, created_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS tasks_template_created ON tasks (named_task_id, created_at DESC, id DESC);
-- "Blocked tasks of this template": a rare state of a template with years of complete tasks.
CREATE INDEX IF NOT EXISTS tasks_template_state_created
    ON tasks (named_task_id, state, created_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS tasks_correlation_created ON tasks (correlation_id, created_at DESC, id DESC)
    WHERE correlation_id IS NOT NULL;
DROP INDEX IF EXISTS tasks_correlation_id;

-- Dead letters sent back to their topic by an operator: the audit record, and how the console
-- tells a replayed dead letter from one still waiting. A dead letter is named by its place in the
-- dead-letter topic, which Kafka never reuses.
CREATE TABLE dead_letter_replays (
    id                 bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    dead_letter_topic     text        NOT NULL,
    dead_letter_partition integer     NOT NULL,
    dead_letter_offset    bigint      NOT NULL,
    -- Where the replay went: the record's origin topic, and the new record's place in it.
    replay_topic          text        NOT NULL,
    replay_partition      integer     NOT NULL,
    replay_offset         bigint      NOT NULL,
    operator              text        NOT NULL,
    replayed_at           timestamptz NOT NULL
);

CREATE INDEX dead_letter_replays_letter
    ON dead_letter_replays (dead_letter_topic, dead_letter_partition, dead_letter_offset);
