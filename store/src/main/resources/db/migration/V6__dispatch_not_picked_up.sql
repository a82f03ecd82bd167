-- A dispatch no worker started does not use up one of the step's attempts: it is dispatched again
-- (a new attempt number, so that late answers to the old one are ignored) and counted here instead.
-- Steps may wait for workers as long as they are down, or at most schedule_to_start_ms (from the
-- template; none by default), counted from waiting_since: when the first dispatch of the current
-- wait went out. A worker's answer ends the wait.
ALTER TABLE named_steps
    ADD COLUMN schedule_to_start_ms integer CHECK (schedule_to_start_ms >= 1);

ALTER TABLE workflow_steps
    ADD COLUMN schedule_to_start_ms integer,
    ADD COLUMN free_attempts        integer     NOT NULL DEFAULT 0 CHECK (free_attempts >= 0),
    ADD COLUMN waiting_since        timestamptz;
