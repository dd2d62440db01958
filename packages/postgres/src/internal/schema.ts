// The package's DDL, migration by migration. Every table carries `tenant` (地方公共団体コード) first
// in every key and index, no foreign key crosses tenants and no sequence spans them, so each table
// can be partitioned — or distributed on Citus — by tenant without redesign.

/**
 * `plain`: one heap per table; `partitioned`: PARTITION BY HASH (tenant) into 4 partitions.
 * @category model
 * @since 0.1.0
 * @example
 * ```ts
 * const layout: Migrations.Layout = "partitioned" // every table PARTITION BY HASH (tenant)
 * ```
 */
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

const ledgers = (layout: Layout): ReadonlyArray<string> => [
  // Consent ledger (同意台帳): every entry (record, lifecycle event, law-based grant) as given.
  ...table(layout, "jiritsu_consent_heads", `tenant text NOT NULL, length bigint NOT NULL, PRIMARY KEY (tenant)`),
  ...table(
    layout,
    "jiritsu_consent_entries",
    `tenant text NOT NULL,
     seq bigint NOT NULL,
     kind text NOT NULL CHECK (kind IN ('record', 'event', 'grant')),
     entry_id text NOT NULL,
     subject_refs text[] NOT NULL,
     record_id text,
     entry jsonb NOT NULL,
     entry_hash text NOT NULL,
     PRIMARY KEY (tenant, seq),
     UNIQUE (tenant, kind, entry_id)`
  ),
  ...appendOnly("jiritsu_consent_entries"),
  // Disclosure log (提供記録簿): hash-chained; its head is stored so a truncated tail is detected.
  ...table(layout, "jiritsu_disclosure_heads", `tenant text NOT NULL, length bigint NOT NULL, head text NOT NULL, PRIMARY KEY (tenant)`),
  ...table(
    layout,
    "jiritsu_disclosures",
    `tenant text NOT NULL,
     seq bigint NOT NULL,
     disclosure_id text NOT NULL,
     subject_ref text NOT NULL,
     recipient_class text NOT NULL,
     disclosed_at text NOT NULL,
     record jsonb NOT NULL,
     canonical text NOT NULL,
     prev_hash text NOT NULL,
     hash text NOT NULL,
     PRIMARY KEY (tenant, seq),
     UNIQUE (tenant, disclosure_id)`
  ),
  ...appendOnly("jiritsu_disclosures"),
  `CREATE INDEX IF NOT EXISTS jiritsu_disclosures_subject ON jiritsu_disclosures (tenant, subject_ref, seq)`
]

const persons = (layout: Layout): ReadonlyArray<string> => [
  // Personal data (個人情報), encrypted per person; the keys live in their own table so that
  // deleting a key (crypto-shredding) makes every revision unreadable while the rows stay.
  ...table(
    layout,
    "jiritsu_person_revisions",
    `tenant text NOT NULL, person_id text NOT NULL, revision integer NOT NULL, iv bytea NOT NULL, ciphertext bytea NOT NULL,
     PRIMARY KEY (tenant, person_id, revision)`
  ),
  ...appendOnly("jiritsu_person_revisions"),
  ...table(layout, "jiritsu_person_keys", `tenant text NOT NULL, person_id text NOT NULL, key bytea NOT NULL, PRIMARY KEY (tenant, person_id)`)
]

const readModels = (layout: Layout): ReadonlyArray<string> => [
  // Case state (ケースの状態), one row per case, kept by the case projection.
  ...table(
    layout,
    "jiritsu_case_state",
    `tenant text NOT NULL,
     case_id text NOT NULL,
     stream_id text NOT NULL,
     version bigint NOT NULL,
     subject_id text,
     phase text NOT NULL,
     stage text,
     autonomy_stage text,
     stage_since text,
     public_assistance boolean NOT NULL,
     opened_at text,
     last_event_at text,
     closed_at text,
     state jsonb NOT NULL,
     PRIMARY KEY (tenant, case_id)`
  ),
  `CREATE INDEX IF NOT EXISTS jiritsu_case_state_stage ON jiritsu_case_state (tenant, autonomy_stage, stage_since)`,
  // The follow-up schedule (定着支援予定): one row per placement and milestone.
  ...table(
    layout,
    "jiritsu_case_follow_ups",
    `tenant text NOT NULL,
     case_id text NOT NULL,
     placement_id text NOT NULL,
     milestone integer NOT NULL,
     due_date text NOT NULL,
     done_on text,
     separated_at text,
     PRIMARY KEY (tenant, case_id, placement_id, milestone)`
  ),
  `CREATE INDEX IF NOT EXISTS jiritsu_case_follow_ups_due ON jiritsu_case_follow_ups (tenant, due_date)`,
  // Metric tally cells (実績の集計表) per site and month: Metric's monoid, stored.
  ...table(
    layout,
    "jiritsu_metric_cells",
    `tenant text NOT NULL,
     site text NOT NULL,
     month text NOT NULL,
     kind text NOT NULL,
     date text NOT NULL,
     target_groups text[] NOT NULL,
     events bigint NOT NULL,
     people text[] NOT NULL,
     employers text[] NOT NULL,
     PRIMARY KEY (tenant, site, month, kind, date, target_groups)`
  ),
  // Consent status (同意の状況) and disclosure counts (提供の状況): read models of the ledgers.
  ...table(
    layout,
    "jiritsu_consent_status",
    `tenant text NOT NULL, record_id text NOT NULL, subject_ref text NOT NULL, purposes text[] NOT NULL, recipients text[] NOT NULL,
     valid_from text NOT NULL, valid_until text NOT NULL, last_event text, last_event_at text, events integer NOT NULL,
     PRIMARY KEY (tenant, record_id)`
  ),
  ...table(
    layout,
    "jiritsu_disclosure_summary",
    `tenant text NOT NULL, subject_ref text NOT NULL, recipient_class text NOT NULL, disclosures integer NOT NULL, last_seq bigint NOT NULL, last_at text NOT NULL,
     PRIMARY KEY (tenant, subject_ref, recipient_class)`
  )
]

/** The migrations in order: key `<id>_<name>` and its statements. */
export const ddl = (layout: Layout): ReadonlyArray<{ readonly key: string; readonly statements: ReadonlyArray<string> }> => [
  { key: "0001_event_store", statements: eventStore(layout) },
  { key: "0002_ledgers", statements: ledgers(layout) },
  { key: "0003_persons", statements: persons(layout) },
  { key: "0004_read_models", statements: readModels(layout) }
]
