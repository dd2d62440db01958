// The package's DDL, migration by migration. Every table carries `tenant` (地方公共団体コード) first
// in every key and index, no foreign key crosses tenants and no sequence spans them, so each table
// can be partitioned — or distributed on Citus — by tenant without redesign.

/** `plain`: one heap per table; `partitioned`: PARTITION BY HASH (tenant) into 4 partitions. */
export type Layout = "plain" | "partitioned"

const PARTITIONS = 4

/** CREATE TABLE for a tenant-keyed table, plain or hash-partitioned by tenant. */
export const table = (layout: Layout, name: string, body: string): ReadonlyArray<string> =>
  layout === "plain"
    ? [`CREATE TABLE IF NOT EXISTS ${name} (${body})`]
    : [
        `CREATE TABLE IF NOT EXISTS ${name} (${body}) PARTITION BY HASH (tenant)`,
        ...Array.from({ length: PARTITIONS }, (_, i) => `CREATE TABLE IF NOT EXISTS ${name}_p${i} PARTITION OF ${name} FOR VALUES WITH (MODULUS ${PARTITIONS}, REMAINDER ${i})`)
      ]

/** A trigger that refuses UPDATE and DELETE on an append-only table (also for the table owner). */
export const appendOnly = (name: string): ReadonlyArray<string> => [
  `DROP TRIGGER IF EXISTS ${name}_append_only ON ${name}`,
  `CREATE TRIGGER ${name}_append_only BEFORE UPDATE OR DELETE ON ${name} FOR EACH ROW EXECUTE FUNCTION jiritsu_append_only()`
]

const appendOnlyFunction = `CREATE OR REPLACE FUNCTION jiritsu_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 'jiritsu: % on % is refused: the table is append-only (追記専用)', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'JR001', HINT = 'append a correcting record instead';
END
$fn$`

const eventStore = (layout: Layout): ReadonlyArray<string> => [
  appendOnlyFunction,
  ...table(layout, "jiritsu_tenant_heads", `tenant text NOT NULL, position bigint NOT NULL, PRIMARY KEY (tenant)`),
  ...table(
    layout,
    "jiritsu_streams",
    `tenant text NOT NULL, stream_id text NOT NULL, stream_type text NOT NULL, version bigint NOT NULL, PRIMARY KEY (tenant, stream_id)`
  ),
  ...table(
    layout,
    "jiritsu_events",
    `tenant text NOT NULL,
     position bigint NOT NULL,
     stream_id text NOT NULL,
     version bigint NOT NULL,
     type text NOT NULL,
     schema_version integer NOT NULL DEFAULT 1,
     data jsonb NOT NULL,
     metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
     recorded_at timestamptz NOT NULL DEFAULT now(),
     transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
     PRIMARY KEY (tenant, position),
     UNIQUE (tenant, stream_id, version)`
  ),
  ...appendOnly("jiritsu_events"),
  ...table(
    layout,
    "jiritsu_checkpoints",
    `tenant text NOT NULL, projection text NOT NULL, position bigint NOT NULL, PRIMARY KEY (tenant, projection)`
  )
]

/** The migrations in order: key `<id>_<name>` and its statements. */
export const ddl = (layout: Layout): ReadonlyArray<{ readonly key: string; readonly statements: ReadonlyArray<string> }> => [
  { key: "0001_event_store", statements: eventStore(layout) }
]
