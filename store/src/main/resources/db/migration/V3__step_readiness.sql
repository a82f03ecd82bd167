-- Readiness recomputed from the edges, with a reason for every step that is not running or done.
-- Never used by the hot path, which reads the unmet_dependencies counter and its partial
-- indexes. Operators read it to see why a task is stuck; tests read it to prove that the counters
-- never drift: for every step, unmet_dependencies = computed_unmet_dependencies.
CREATE VIEW step_readiness AS
SELECT s.id                                                     AS step_id,
       s.task_id,
       s.name,
       s.state,
       s.attempts,
       s.max_attempts,
       s.next_attempt_at,
       s.deadline_at,
       s.unmet_dependencies,
       count(p.id) FILTER (WHERE p.state NOT IN ('complete', 'resolved_manually'))
                                                                AS computed_unmet_dependencies,
       coalesce(array_agg(p.name ORDER BY p.name)
                    FILTER (WHERE p.state NOT IN ('complete', 'resolved_manually')),
                '{}')                                           AS waiting_for,
       s.state = 'pending'
           AND count(p.id) FILTER (WHERE p.state NOT IN ('complete', 'resolved_manually')) = 0
                                                                AS ready,
       CASE
           WHEN s.state = 'pending'
                AND count(p.id) FILTER (WHERE p.state NOT IN ('complete', 'resolved_manually')) = 0
               THEN 'ready to dispatch'
           WHEN s.state = 'pending'
               THEN 'waiting for dependencies: ' || array_to_string(
                        array_agg(p.name || ' (' || p.state || ')' ORDER BY p.name)
                            FILTER (WHERE p.state NOT IN ('complete', 'resolved_manually')), ', ')
           WHEN s.state = 'waiting_for_retry'
               THEN 'backoff until ' || to_char(s.next_attempt_at AT TIME ZONE 'UTC',
                                                'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
           WHEN s.state IN ('enqueued', 'in_progress')
               THEN 'attempt ' || s.attempts || ' ' || s.state || ', deadline '
                        || to_char(s.deadline_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
           WHEN s.state = 'error' AND s.attempts >= s.max_attempts
               THEN 'attempts exhausted (' || s.attempts || ' of ' || s.max_attempts || '): '
                        || coalesce(s.last_error ->> 'message', '')
           WHEN s.state = 'error'
               THEN 'failed permanently: ' || coalesce(s.last_error ->> 'message', '')
           ELSE s.state
       END                                                      AS blocking_reason
FROM workflow_steps s
LEFT JOIN workflow_step_edges e ON e.to_step = s.id
LEFT JOIN workflow_steps p ON p.id = e.from_step
GROUP BY s.id;
