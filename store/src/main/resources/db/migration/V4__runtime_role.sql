-- The runtime role: the services connect as a LOGIN role that is a member of it, and can read and
-- write rows but never change the schema. The schema owner, which runs these migrations (the
-- migration Job in deploy/), keeps every DDL right. The role's name is the Flyway placeholder
-- runtime_role (dev.tributary.store.Migrations supplies the default, tributary_runtime).
--
-- The role is created NOLOGIN when it does not exist yet; that needs CREATEROLE. Where the schema
-- owner may not create roles (managed PostgreSQL services), a DBA creates it beforehand and this
-- only grants. In tests everything runs as the superuser, which owns all objects: same result.
DO $$
DECLARE
    runtime text := '${runtime_role}';
    owned   text := current_schema();
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = runtime) THEN
        EXECUTE format('CREATE ROLE %I NOLOGIN', runtime);
    END IF;

    EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', owned, runtime);
    -- Tables and views (step_readiness) that exist now...
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO %I',
                   owned, runtime);
    EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO %I', owned, runtime);
    -- ...and those the owner creates later: future migrations, and the monthly audit partitions
    -- that ensure_audit_partitions creates with its owner's rights.
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT, INSERT, UPDATE, DELETE '
                   'ON TABLES TO %I', owned, runtime);
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT USAGE, SELECT ON SEQUENCES TO %I',
                   owned, runtime);

    -- Functions are executable by PUBLIC by default. A SECURITY DEFINER function must not be:
    -- it creates tables as the owner, so only the runtime role may call it.
    EXECUTE format('GRANT EXECUTE ON FUNCTION uuid_v7() TO %I', runtime);
    REVOKE EXECUTE ON FUNCTION ensure_audit_partitions(integer) FROM PUBLIC;
    EXECUTE format('GRANT EXECUTE ON FUNCTION ensure_audit_partitions(integer) TO %I', runtime);

    -- Flyway's history is the owner's: the runtime role may read it (to tell the schema version)
    -- but not rewrite it.
    EXECUTE format('REVOKE INSERT, UPDATE, DELETE ON TABLE %I FROM %I', '${flyway:table}', runtime);
END
$$;
