import { describe, expect, it } from "vitest"
import fc from "fast-check"
import { Effect } from "effect"
import { SqlClient } from "effect/sql"
import { Database } from "@jiritsu/postgres"
import { TestDatabase } from "@jiritsu/postgres/testing"

const startError = (url: string) =>
  Effect.runPromise(Effect.flip(Effect.provide(Effect.flatMap(SqlClient.SqlClient, (sql) => Effect.orDie(sql`SELECT 1`)), Database.layer({ url, startTimeout: "5 seconds" }))))

describe("Database start errors are typed and fast, never a hang", () => {
  it("an unreachable server", async () => {
    const t0 = Date.now()
    const e = await startError("postgres://postgres@127.0.0.1:1/test")
    expect(e._tag).toBe("DatabaseStartError")
    expect(e.reason).toBe("unreachable")
    expect(Date.now() - t0).toBeLessThan(5_000)
  })

  it("a password never appears in the error", async () => {
    const e = await startError("postgres://someone:s3cret@127.0.0.1:1/test")
    expect(e.target).toBe("postgres://someone:***@127.0.0.1:1/test")
    expect(JSON.stringify(e)).not.toContain("s3cret")
  })

  it("generated malformed URLs are refused as invalid_url", async () => {
    const urls = fc.sample(fc.oneof(fc.string(), fc.webUrl(), fc.constantFrom("mysql://x/y", "postgres//nohost", "localhost:5432")), 40).filter((u) => u !== "" && !/^postgres(ql)?:\/\//.test(u))
    for (const url of urls) {
      const e = await startError(url)
      expect(e.reason, url).toBe("invalid_url")
    }
  })

  it.runIf(TestDatabase.serverUrl() !== undefined)("wrong credentials or database on the server", async () => {
    const base = new URL(TestDatabase.serverUrl()!)
    base.username = "no_such_role_jiritsu"
    const e = await startError(base.toString())
    expect(e.reason).toBe("authentication")
    const db = new URL(TestDatabase.serverUrl()!)
    db.pathname = "/no_such_database_jiritsu"
    expect((await startError(db.toString()))._tag).toBe("DatabaseStartError")
    expect((await Effect.runPromise(Effect.flip(Effect.provide(Effect.void, Database.layer({ url: TestDatabase.serverUrl()!, schema: "no_such_schema_x" }))))).message).toMatch(/schema "no_such_schema_x" does not exist/)
  })
})
