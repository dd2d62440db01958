// Concurrent commands on one case through two service instances on one database: exactly one of
// the commands decided on the same version wins, the others get 409 (another write came first) or
// 412 (If-Match is stale), and no update is lost. On the PostgreSQL server the two instances are
// two OS processes; embedded PGlite is one PostgreSQL session inside one process, so there the two
// instances are two HTTP servers in this process sharing the one database.
import { Database } from "@jiritsu/postgres"
import { TestDatabase } from "@jiritsu/postgres/testing"
import { Effect, Layer, ManagedRuntime } from "effect"
import { SqlClient } from "effect/sql"
import { type ChildProcess, spawn } from "node:child_process"
import { randomBytes } from "node:crypto"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as Authentication from "../src/Authentication.ts"
import * as PostgresStore from "../src/PostgresStore.ts"
import * as Server from "../src/Server.ts"
import { Store } from "../src/Store.ts"
import { openCase } from "./support/fixture.ts"
import { call, database, personBody, sites, tokenEntries, tokenOf } from "./support/service.ts"

const url = TestDatabase.serverUrl()
const cw = tokenOf("caseworker")
type Caller = ReturnType<typeof call>

let first: Caller
let second: Caller
const cleanups: Array<() => Promise<void>> = []

const onServer = async () => {
  const schema = `jiritsu_rest_${randomBytes(5).toString("hex")}`
  const admin = ManagedRuntime.make(Database.layer({ url: url!, maxConnections: 1 }))
  await admin.runPromise(Effect.flatMap(SqlClient.SqlClient, (sql) => sql.unsafe(`CREATE SCHEMA ${schema}`)))
  cleanups.push(async () => {
    await admin.runPromise(Effect.flatMap(SqlClient.SqlClient, (sql) => sql.unsafe(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)))
    await admin.dispose()
  })
  // Process one: this one (it also runs the migrations, so the other finds them done).
  const here = await Server.start({
    port: 0,
    sites,
    logRequests: false,
    store: PostgresStore.layer().pipe(Layer.provideMerge(Database.layer({ url: url!, schema, maxConnections: 4 }))),
    authentication: Authentication.layerFromTokens(tokenEntries)
  })
  cleanups.unshift(() => here.close())
  // Process two: a child running the same service on the same schema.
  const child: ChildProcess = spawn(process.execPath, [join(import.meta.dirname, "support", "child.ts")], {
    env: { ...process.env, JIRITSU_TEST_SCHEMA: schema },
    stdio: ["ignore", "pipe", "inherit"]
  })
  cleanups.unshift(
    () =>
      new Promise<void>((done) => {
        child.once("exit", () => done())
        child.kill("SIGTERM")
      })
  )
  const childUrl = await new Promise<string>((resolve, reject) => {
    let out = ""
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8")
      const m = /READY (\S+)/.exec(out)
      if (m !== null) resolve(m[1]!)
    })
    child.once("exit", (code) => reject(new Error(`child exited ${code}: ${out}`)))
  })
  return { a: here.url, b: childUrl }
}

const inProcess = async () => {
  const runtime = ManagedRuntime.make(PostgresStore.layer().pipe(Layer.provideMerge(database())))
  const store = await runtime.runPromise(Store)
  const one = await Server.start({ port: 0, sites, logRequests: false, store: Layer.succeed(Store, store), authentication: Authentication.layerFromTokens(tokenEntries) })
  const two = await Server.start({ port: 0, sites, logRequests: false, store: Layer.succeed(Store, store), authentication: Authentication.layerFromTokens(tokenEntries) })
  cleanups.push(() => one.close(), () => two.close(), () => runtime.dispose())
  return { a: one.url, b: two.url }
}

beforeAll(async () => {
  const urls = url !== undefined ? await onServer() : await inProcess()
  expect(urls.a).not.toBe(urls.b)
  first = call(urls.a)
  second = call(urls.b)
  await first("POST", "/v1/persons", { token: cw, body: personBody("p-race") })
  await openCase({ call: first } as never, cw, "c-race", "p-race")
})
afterAll(async () => {
  for (const c of cleanups) await c()
})

const version = async (via: Caller) => Number((await via("GET", "/v1/cases/c-race", { token: cw })).headers.get("etag")!.replaceAll('"', ""))
const monitoring = (note: string, day: number) => ({ _tag: "RecordMonitoring", occurredAt: `2031-01-${String(day).padStart(2, "0")}`, note })

describe(`two service instances on one database (${url !== undefined ? "two processes, PostgreSQL server" : "one process, PGlite"})`, () => {
  it("commands decided on the same version (If-Match): exactly one wins, the others get 409 or 412", async () => {
    for (let round = 1; round <= 8; round++) {
      const before = await version(first)
      const replies = await Promise.all(
        [first, second, first, second].map((via, i) =>
          via("POST", "/v1/cases/c-race/commands", { token: cw, body: monitoring(`round ${round} writer ${i}`, round), headers: { "if-match": `"${before}"` } })
        )
      )
      const statuses = replies.map((r) => r.status).sort()
      expect(statuses.filter((s) => s === 200), `round ${round}: ${statuses}`).toHaveLength(1)
      for (const r of replies.filter((x) => x.status !== 200)) {
        expect([409, 412]).toContain(r.status)
        expect(["version_conflict", "precondition_failed"]).toContain(r.body.code)
      }
      expect(await version(second)).toBe(before + 1)
    }
  })

  it("without If-Match: every accepted command is stored, none lost, the rest are 409", async () => {
    const before = await version(first)
    const replies = await Promise.all(
      Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? first : second)("POST", "/v1/cases/c-race/commands", { token: cw, body: monitoring(`free ${i}`, 20) }))
    )
    const accepted = replies.filter((r) => r.status === 200)
    for (const r of replies.filter((x) => x.status !== 200)) expect(r.status).toBe(409)
    expect(accepted.length).toBeGreaterThan(0)
    const after = await version(second)
    expect(after).toBe(before + accepted.length)
    // Every accepted note is in the stream exactly once, read back through either instance.
    const events = (await second("GET", "/v1/cases/c-race/events?limit=200", { token: cw })).body.items as ReadonlyArray<{ readonly version: number; readonly event: { readonly note?: string } }>
    const notes = events.map((e) => e.event.note).filter((n): n is string => n?.startsWith("free ") === true)
    expect(notes.sort()).toEqual(accepted.map((r) => r.body.events[0].note).sort())
    expect(events.map((e) => e.version)).toEqual(events.map((_, i) => i + 1))
    const viaFirst = (await first("GET", "/v1/cases/c-race/events?limit=200", { token: cw })).text
    expect(viaFirst).toBe((await second("GET", "/v1/cases/c-race/events?limit=200", { token: cw })).text)
  })
})
