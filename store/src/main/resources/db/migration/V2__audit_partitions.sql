-- Monthly partitions for the audit tables. Rows outside every monthly partition land in the
-- default partition, so a missed maintenance run loses nothing; it only makes the default grow.
-- The scheduler calls this daily; it runs with its owner's rights, so the runtime role (which
-- cannot create tables) can keep partitions ahead of time. Old months are dropped with
-- DROP TABLE step_transitions_YYYY_MM, never by DELETE.
CREATE FUNCTION ensure_audit_partitions(months_ahead integer) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT
AS $$
DECLARE
    month_start date;
    parent      text;
    partition   text;
    created     integer := 0;
BEGIN
    FOR i IN 0..months_ahead LOOP
        month_start := (date_trunc('month', now()) + make_interval(months => i))::date;
        FOREACH parent IN ARRAY ARRAY['step_transitions', 'task_transitions'] LOOP
            partition := parent || '_' || to_char(month_start, 'YYYY_MM');
            IF to_regclass(partition) IS NULL THEN
                EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)',
                               partition, parent, month_start, month_start + interval '1 month');
                created := created + 1;
            END IF;
        END LOOP;
    END LOOP;
    RETURN created;
END
$$;

SELECT ensure_audit_partitions(2);
