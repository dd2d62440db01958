// `pnpm bench postgres`: jiritsu's SQL event store against @event-driven-io/emmett-postgresql 0.42
// (on `pg`), on the same PostgreSQL server in the same run, each in its own fresh schema.
//
// Cases (≥ 5 repetitions each, medians with min–max):
//   sequential  — one writer, one event per append, expected version checked (events/s)
//   concurrent  — 100 concurrent appenders on distinct streams, one event per append (events/s)
//   16-writers  — 16 writers × appends of 50 events on their own streams (events/s)
//   read-fold   — read a 1,000-event stream and fold it to a state (folds/s)
// Both sides use a pool of 16 connections and their documented fastest path (Emmett: pooled
// `getPostgreSQLEventStore`, `appendToStream` with `expectedStreamVersion`, `aggregateStream`;
// jiritsu: `EventStore.layerSql` over `Database.layer`, `append` with the expected version,
// `readStream` + a fold).
import { getPostgreSQLEventStore, type PostgresEventStore } from "@event-driven-io/emmett-postgresql"
import { Database, EventStore, Migrations, Tenant } from "@jiritsu/postgres"
import { Effect, Layer, ManagedRuntime } from "effect"
import pg from "pg"
import { randomBytes } from "node:crypto"
import { writeReport, type BenchCase } from "./report.ts"

const URL_ = process.env["DATABASE_URL"] || "postgres://postgres@127.0.0.1:5432/test"
const REPS = Number(process.env["JIRITSU_BENCH_REPS"] ?? "5")
const EMMETT = "@event-driven-io/emmett-postgresql"
const POOL = 16

interface Spread {
  readonly min: number
  readonly max: number
  readonly runs: number
}
const median = (xs: ReadonlyArray<number>): number => {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}
const spreadOf = (xs: ReadonlyArray<number>): Spread => ({ min: Math.min(...xs), max: Math.max(...xs), runs: xs.length })

const withSchema = (url: string, schema: string): string => {
  const u = new URL(url)
  u.searchParams.set("options", `-c search_path=${schema}`)
  return u.toString()
}

const admin = async (statement: string): Promise<void> => {
  const client = new pg.Client({ connectionString: URL_ })
  await client.connect()
  try {
    await client.query(statement)
  } finally {
    await client.end()
  }
}

type Ev = { readonly type: "Counted"; readonly data: { readonly n: number } }
const tenant = Tenant.unsafeCode("012068")

interface Side {
  readonly appendOne: (stream: string, expected: number, n: number) => Promise<void>
  readonly appendMany: (stream: string, expected: number, events: ReadonlyArray<number>) => Promise<void>
  readonly readFold: (stream: string) => Promise<number>
  readonly close: () => Promise<void>
}

const jiritsuSide = async (schema: string): Promise<Side> => {
  const db = Database.layer({ url: URL_, schema, maxConnections: POOL })
  const layer = Layer.mergeAll(EventStore.layerSql(), Layer.effectDiscard(Migrations.run()), Tenant.layer(tenant)).pipe(Layer.provideMerge(db))
  const runtime = ManagedRuntime.make(layer)
  const store = await runtime.runPromise(EventStore.EventStore)
  const run = <A, E>(e: Effect.Effect<A, E, Tenant.Tenant>) => runtime.runPromise(e)
  return {
    appendOne: (stream, expected, n) => run(Effect.asVoid(store.append(stream, expected, [{ type: "Counted", data: { n } }]))),
    appendMany: (stream, expected, ns) => run(Effect.asVoid(store.append(stream, expected, ns.map((n) => ({ type: "Counted", data: { n } }))))),
    readFold: (stream) => run(Effect.map(store.readStream(stream), (events) => events.reduce((s, e) => s + (e.data["n"] as number), 0))),
    close: () => runtime.dispose()
  }
}

const emmettSide = async (schema: string): Promise<Side> => {
  const connectionString = withSchema(URL_, schema)
  const pool = new pg.Pool({ connectionString, max: POOL })
  const store: PostgresEventStore = getPostgreSQLEventStore(connectionString, { connectionOptions: { pool } })
  await store.schema.migrate()
  return {
    appendOne: async (stream, expected, n) => {
      await store.appendToStream<Ev>(stream, [{ type: "Counted", data: { n } }], { expectedStreamVersion: BigInt(expected) })
    },
    appendMany: async (stream, expected, ns) => {
      await store.appendToStream<Ev>(stream, ns.map((n) => ({ type: "Counted", data: { n } })), { expectedStreamVersion: BigInt(expected) })
    },
    readFold: async (stream) => {
      const r = await store.aggregateStream<number, Ev>(stream, { evolve: (s: number, e: Ev) => s + e.data.n, initialState: () => 0 })
      return r.state
    },
    close: async () => {
      await store.close()
      await pool.end().catch(() => undefined)
    }
  }
}

const timed = async (f: () => Promise<void>): Promise<number> => {
  const t0 = performance.now()
  await f()
  return performance.now() - t0
}

/** One repetition of each case on one side; returns the figures (events/s or folds/s). */
const repetition = async (side: Side, rep: number): Promise<Record<string, number>> => {
  const tag = `${rep}-${randomBytes(3).toString("hex")}`
  const out: Record<string, number> = {}
  const SEQ = 200
  out["sequential"] = (SEQ / (await timed(async () => {
    for (let i = 0; i < SEQ; i++) await side.appendOne(`seq-${tag}`, i, i)
  }))) * 1000
  const CONC = 100
  const PER = 3
  out["concurrent"] = ((CONC * PER) / (await timed(async () => {
    await Promise.all(Array.from({ length: CONC }, async (_, w) => {
      for (let i = 0; i < PER; i++) await side.appendOne(`conc-${tag}-${w}`, i, i)
    }))
  }))) * 1000
  const WRITERS = 16
  const APPENDS = 8
  const BATCH = 50
  const batch = Array.from({ length: BATCH }, (_, i) => i)
  out["16-writers"] = ((WRITERS * APPENDS * BATCH) / (await timed(async () => {
    await Promise.all(Array.from({ length: WRITERS }, async (_, w) => {
      for (let i = 0; i < APPENDS; i++) await side.appendMany(`w16-${tag}-${w}`, i * BATCH, batch)
    }))
  }))) * 1000
  const stream = `fold-${tag}`
  for (let i = 0; i < 10; i++) await side.appendMany(stream, i * 100, Array.from({ length: 100 }, (_, k) => k))
  const FOLDS = 20
  let total = 0
  const ms = await timed(async () => {
    for (let i = 0; i < FOLDS; i++) total += await side.readFold(stream)
  })
  if (total !== FOLDS * 10 * 4950) throw new Error(`read-fold computed ${total}`)
  out["read-fold"] = (FOLDS / ms) * 1000
  return out
}

export const main = async (): Promise<void> => {
  const suffix = randomBytes(4).toString("hex")
  const schemas = { jiritsu: `bench_jiritsu_${suffix}`, emmett: `bench_emmett_${suffix}` }
  await admin(`CREATE SCHEMA ${schemas.jiritsu}`)
  await admin(`CREATE SCHEMA ${schemas.emmett}`)
  const runs: Record<"jiritsu" | "emmett", Array<Record<string, number>>> = { jiritsu: [], emmett: [] }
  try {
    const ours = await jiritsuSide(schemas.jiritsu)
    const theirs = await emmettSide(schemas.emmett)
    try {
      await repetition(ours, -1) // warm-up: connections, prepared statements, JIT
      await repetition(theirs, -1)
      for (let rep = 0; rep < REPS; rep++) {
        // Alternate which side goes first, so neither always meets a warmer server.
        const order = rep % 2 === 0 ? (["jiritsu", "emmett"] as const) : (["emmett", "jiritsu"] as const)
        for (const name of order) runs[name].push(await repetition(name === "jiritsu" ? ours : theirs, rep))
        console.log(`repetition ${rep + 1}/${REPS} done`)
      }
    } finally {
      await ours.close()
      await theirs.close()
    }
  } finally {
    await admin(`DROP SCHEMA IF EXISTS ${schemas.jiritsu} CASCADE`)
    await admin(`DROP SCHEMA IF EXISTS ${schemas.emmett} CASCADE`)
  }
  const notes: Record<string, string> = {
    sequential: "200 appends of 1 event to one stream, each with the expected version; both return the new version and positions",
    concurrent: "100 concurrent appenders, each 3 appends of 1 event to its own stream with the expected version",
    "16-writers": "16 concurrent writers × 8 appends of 50 events to their own streams with the expected version",
    "read-fold": "read all 1,000 events of one stream and fold them to a sum (jiritsu readStream + reduce; Emmett aggregateStream); 20 folds per repetition"
  }
  const cases = (["sequential", "concurrent", "16-writers", "read-fold"] as const).map((name) => {
    const ours = runs.jiritsu.map((r) => r[name]!)
    const theirs = runs.emmett.map((r) => r[name]!)
    const c: BenchCase & { readonly spread: Readonly<Record<string, Spread>> } = {
      case: name,
      unit: "ops/s",
      higherIsBetter: true,
      results: { jiritsu: median(ours), [EMMETT]: median(theirs) },
      spread: { jiritsu: spreadOf(ours), [EMMETT]: spreadOf(theirs) },
      note: `${notes[name]}; ${name === "read-fold" ? "folds" : "events"}/s, median of ${REPS} repetitions (spread: min–max); same server, pool of ${POOL} each, fresh schema each`
    }
    return c
  })
  writeReport("postgres", cases)
}
