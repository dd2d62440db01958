import { describe, expect, it } from "vitest"
import { Client } from "@jiritsu/postgres"
import { TestDatabase } from "@jiritsu/postgres/testing"

describe("Client (Promise facade)", () => {
  it("opens a migrated database, appends, reads and rejects with typed errors", async () => {
    // The facade's default backend (embedded PGlite), started from the migrated test template.
    const db = await Client.open({ tenant: "012068", loadDataDir: await TestDatabase.template() })
    try {
      const r = await db.events.append("case-1", 0, [{ type: "Noted", data: { text: "初回相談" } }])
      expect(r.nextVersion).toBe(1)
      expect((await db.events.readStream("case-1")).map((e) => e.data)).toEqual([{ text: "初回相談" }])
      await expect(db.events.append("case-1", 0, [{ type: "Noted", data: {} }])).rejects.toMatchObject({ _tag: "VersionConflict", expected: 0, actual: 1 })
      await expect(db.events.append("case-1", 1, [{ type: "bad type", data: {} }])).rejects.toMatchObject({ _tag: "InvalidAppend", path: ["events", 0, "type"] })
      expect(await db.events.headPosition()).toBe(1)
    } finally {
      await db.close()
    }
  })

  it("refuses an invalid tenant code before touching the database", async () => {
    await expect(Client.open({ tenant: "123456" })).rejects.toMatchObject({ _tag: "InvalidMunicipalityCode" })
  })
})
