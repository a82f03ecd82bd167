-- W3C trace context (traceparent, 55 characters) kept where a task's trace has to cross the
-- database: the span that created a task, the span that last made a step ready (the result that
-- met its last dependency, failed its attempt for a retry, or created it at run time), and the
-- span a task event was written under. The scheduler parents a dispatch's span on the step's, or
-- the task's when the step has none; the event relay parents an event's span on the event's.
-- Nullable and unvalidated: a missing or malformed context starts a new trace, nothing fails.
ALTER TABLE tasks ADD COLUMN trace_parent text;
ALTER TABLE workflow_steps ADD COLUMN trace_parent text;
ALTER TABLE task_event_outbox ADD COLUMN trace_parent text;
