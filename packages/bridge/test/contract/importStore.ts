// The import store's contract, run against embedded PGlite and (with DATABASE_URL) the server.
import { Period } from "@jiritsu/core"
import { Tenant } from "@jiritsu/postgres"
import { TestDatabase } from "@jiritsu/postgres/testing"
import { Effect, Exit, ManagedRuntime } from "effect"
import { SqlClient } from "effect/sql"
import fc from "fast-check"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as ImportStore from "../../src/ImportStore.ts"
import * as Reader from "../../src/Reader.ts"
import * as Sync from "../../src/Sync.ts"
import * as WelfareSystem from "../../src/WelfareSystem.ts"
import type * as Mapping from "../../src/Mapping.ts"
import { chunks, HEADER, mapping, sampleSjis, sampleUtf8, sjis, utf8 } from "../helpers.ts"

const SHINAGAWA = Tenant.unsafeCode("131091")
const YOKOHAMA = Tenant.unsafeCode("141003")

type R = SqlClient.SqlClient | Tenant.Tenant

export const importStoreContract = (name: string, url: string | null | undefined, options: { readonly bulkRows: number; readonly maxConnections?: number }): void => {
  describe(`ImportStore on ${name}`, () => {
    let runtime: ManagedRuntime.ManagedRuntime<SqlClient.SqlClient, unknown>
    beforeAll(async () => {
      runtime = ManagedRuntime.make(TestDatabase.layer({ namespaces: [ImportStore.migrations], ...(url === undefined ? {} : { url }), ...(options.maxConnections === undefined ? {} : { maxConnections: options.maxConnections }) }))
      await runtime.runPromise(Effect.void)
    })
    afterAll(async () => {
      await runtime?.dispose()
    })
    const run = <A, E>(effect: Effect.Effect<A, E, R>, tenant = SHINAGAWA): Promise<A> => runtime.runPromise(Effect.provideService(effect, Tenant.Tenant, { code: tenant }))
    const exit = <A, E>(effect: Effect.Effect<A, E, R>, tenant = SHINAGAWA) => runtime.runPromise(Effect.exit(Effect.provideService(effect, Tenant.Tenant, { code: tenant })))
    const withSource = (source: string): Mapping.Mapping => ({ ...mapping, source })

    it("imports the sample, then re-importing either encoding changes nothing", async () => {
      const m = withSource("sample")
      const first = await run(ImportStore.importFile(sampleSjis, m))
      expect(first).toMatchObject({ status: "imported", recorded: 7, changed: 0 })
      expect(first.errors.map((e) => e.line)).toEqual([9, 10])
      const again = await run(ImportStore.importFile(sampleSjis, m))
      expect(again.status).toBe("already_imported")
      // Same rows in the other encoding: a different file, every row already seen.
      const other = await run(ImportStore.importFile(sampleUtf8, m))
      expect(other).toMatchObject({ status: "imported", recorded: 0, changed: 0, unchanged: 7 })
      const counts = await run(ImportStore.counts)
      expect(counts.versions).toBeGreaterThanOrEqual(7)
      const status = await run(ImportStore.statusAsOf("100002", Period.unsafeDate("2024-01-01")))
      expect(status.benefits.map((b) => [b.benefit, b.status])).toEqual([
        ["public_assistance", "suspended"],
        ["child_rearing_allowance", "receiving"]
      ])
    })

    it("a changed row becomes a dated change event; the tenant sees only its own", async () => {
      const m = withSource("changes")
      const v1 = `${HEADER}\r\nC-1,200001,ｱ,生活保護,受給中,令和2年4月1日,,,,\r\nC-2,200002,ｲ,生活保護,受給中,令和2年4月1日,,,,\r\n`
      const v2 = `${HEADER}\r\nC-1,200001,ｱ,生活保護,廃止,令和5年3月31日,,,,\r\nC-2,200002,ｲ,生活保護,受給中,令和2年4月1日,,,,\r\n`
      await run(ImportStore.importFile(chunks(utf8(v1)), m))
      const before = await run(ImportStore.changesSince(undefined, 100_000))
      const r = await run(ImportStore.importFile(chunks(sjis(v2)), m))
      expect(r).toMatchObject({ recorded: 0, changed: 1, unchanged: 1 })
      const after = await run(ImportStore.changesSince(before.cursor))
      expect(after.changes).toHaveLength(1)
      expect(after.changes[0]).toMatchObject({ kind: "changed", sourceId: "C-1", previousStatus: "receiving", status: "ended", effectiveOn: "2023-03-31" })
      expect((await run(ImportStore.statusAsOf("200001", Period.unsafeDate("2022-01-01")))).benefits[0]!.status).toBe("receiving")
      expect((await run(ImportStore.statusAsOf("200001", Period.unsafeDate("2023-03-31")))).benefits[0]!.status).toBe("ended")
      const other = await run(ImportStore.changesSince(undefined), YOKOHAMA)
      expect(other.changes).toEqual([])
    })

    it("changesSince pages through every change once, in position order, across the 9 → 10 → 100 digit boundaries", async () => {
      const OSAKA = Tenant.unsafeCode("271004")
      const rows = Array.from({ length: 120 }, (_, i) => `P-${i},3${String(i).padStart(5, "0")},ｱ,生活保護,受給中,令和2年4月1日,,,,`)
      await run(ImportStore.importFile(chunks(utf8(`${HEADER}\r\n${rows.join("\r\n")}\r\n`)), withSource("paging")), OSAKA)
      const seen: Array<string> = []
      let cursor: string | undefined
      for (let pages = 0; pages < 100; pages++) {
        const page = await run(ImportStore.changesSince(cursor, 7), OSAKA)
        for (const c of page.changes) seen.push(c.position)
        cursor = page.cursor
        if (!page.hasMore) break
      }
      expect(seen).toEqual(Array.from({ length: 120 }, (_, i) => String(i + 1)))
    })

    it("a rejected file applies nothing (atomic per file)", async () => {
      const m = withSource("atomic")
      const good = Array.from({ length: 12_000 }, (_, i) => `A-${i},${i},ｱ,生活保護,受給中,令和2年4月1日,,,,`).join("\r\n")
      const bytes = Buffer.concat([utf8(`${HEADER}\r\n${good}\r\n`), Buffer.from([0xed, 0xa0, 0x80]), utf8(",x,,,,,,,,\r\n")])
      const before = await run(ImportStore.counts)
      const e = await exit(ImportStore.importFile(chunks(bytes), m, { batchSize: 1000 }))
      expect(Exit.isFailure(e)).toBe(true)
      if (Exit.isFailure(e)) {
        const err = (e.cause as unknown as { reasons?: ReadonlyArray<{ error?: unknown }> }).reasons?.[0]?.error ?? e.cause
        expect(String((err as Error).message ?? err)).toMatch(/:12002:1: .*nothing of the file was imported/)
      }
      expect(await run(ImportStore.counts)).toEqual(before)
    })

    it("two concurrent syncOnce runs never apply a change twice", async () => {
      const remote = WelfareSystem.memory()
      const records = Array.from({ length: 250 }, (_, i) => ({ sourceId: `S-${i}`, personRef: `3${i}`, benefit: "public_assistance" as const, status: "receiving" as const, effectiveFrom: Period.unsafeDate("2024-04-01") }))
      remote.record("remote", records)
      remote.record("remote", records.slice(0, 50).map((r) => ({ ...r, status: "ended" as const, effectiveFrom: Period.unsafeDate("2024-10-01") })))
      const sync = Sync.syncOnce({ source: "remote", limit: 40 }).pipe(Effect.provideService(WelfareSystem.WelfareSystem, remote.service))
      const results = await run(Effect.all(Array.from({ length: 12 }, () => sync), { concurrency: 2 }))
      const applied = results.reduce((n, r) => n + r.recorded + r.changed, 0)
      const rest = await run(Sync.syncAll({ source: "remote", limit: 40 }).pipe(Effect.provideService(WelfareSystem.WelfareSystem, remote.service)))
      const total = applied + rest.reduce((n, r) => n + r.recorded + r.changed, 0)
      expect(total).toBe(300)
      expect(results.reduce((n, r) => n + r.unchanged, 0)).toBe(0) // no run re-read another's page
      const mine = (await run(ImportStore.changesSince(undefined, 100_000))).changes.filter((c) => c.source === "remote")
      expect(mine).toHaveLength(300)
      expect(mine.filter((c) => c.kind === "changed")).toHaveLength(50)
    })

    it("applies records with plans made for their own parameters, for the rest of its transaction only", async () => {
      // A generic plan the server kept from when the table was small once stalled a 100,000-row
      // import for minutes: the store asks for custom plans inside its own transaction.
      const record = { sourceId: "P-1", personRef: "P1", benefit: "public_assistance" as const, status: "receiving" as const, effectiveFrom: Period.unsafeDate("2024-04-01") }
      const modes = await run(
        Effect.gen(function* () {
          const sql = yield* SqlClient.SqlClient
          const mode = sql<{ readonly mode: string }>`SELECT current_setting('plan_cache_mode') AS mode`.pipe(Effect.map((rows) => rows[0]!.mode))
          return yield* sql.withTransaction(
            Effect.gen(function* () {
              const before = yield* mode
              yield* ImportStore.applyRecords("plan-check", "pull:plan-check", [record])
              return { before, during: yield* mode }
            })
          )
        })
      )
      expect(modes).toEqual({ before: "auto", during: "force_custom_plan" })
    })

    it("the file-exchange WelfareSystem answers like the in-memory one (same rows, same answers)", async () => {
      const { rows } = await Reader.readAll(sampleUtf8, mapping)
      const memory = WelfareSystem.memory()
      memory.record("contract", rows.map((r) => r.record))
      await run(ImportStore.importFile(sampleUtf8, withSource("contract")), YOKOHAMA)
      const store = await run(Effect.gen(function* () {
        return yield* WelfareSystem.WelfareSystem
      }).pipe(Effect.provide(WelfareSystem.layerFileExchange)), YOKOHAMA)
      for (const person of ["100001", "100002", "100004", "100005", "100006", "999999"]) {
        for (const d of ["2019-04-29", "2019-05-01", "2023-06-01", "2024-07-01", "2024-09-01", "2025-01-01"]) {
          const asOf = Period.unsafeDate(d)
          const a = await Effect.runPromise(memory.service.statusAsOf(person, asOf))
          const b = await run(store.statusAsOf(person, asOf), YOKOHAMA)
          expect(b).toEqual(a)
        }
      }
      const page = await run(store.changesSince(undefined, 100), YOKOHAMA)
      expect(page.changes.map((c) => [c.sourceId, c.kind, c.status])).toEqual(memory.changes().map((c) => [c.sourceId, c.kind, c.status]))
    })

    describe("properties", () => {
      it("hostile generated CSVs: no crash, every bad row reported with its line, every good row imported exactly once", async () => {
        const seen = { rejectedFiles: 0, rowErrors: 0, quotedHostile: 0, changedDuplicates: 0, sameDuplicates: 0, truncated: 0, shiftJis: 0 }
        let runIndex = 0
        await fc.assert(
          fc.asyncProperty(hostileFile, async (f) => {
            const source = `h${runIndex++}`
            const text = renderFile(f)
            const r = await exit(ImportStore.importFile(chunks(text.bytes), { ...mapping, source, encoding: f.encoding }))
            const versions = (await run(ImportStore.changesSince(undefined, 1_000_000))).changes.filter((c) => c.source === source)
            if (text.faultLines.length > 0) {
              seen.rejectedFiles++
              expect(Exit.isFailure(r)).toBe(true)
              const err = Exit.isFailure(r) ? ((r.cause as unknown as { reasons: ReadonlyArray<{ error: ImportStore.FileRejected }> }).reasons[0]!.error) : undefined
              const lines = new Set((err!.errors as ReadonlyArray<{ line: number; scope: string }>).filter((e) => e.scope === "file").map((e) => e.line))
              for (const [from, to] of text.faultLines) expect([...lines].some((l) => from <= l && l <= to), `a file error within lines ${from}–${to}`).toBe(true)
              expect(versions).toEqual([])
              return
            }
            expect(Exit.isSuccess(r)).toBe(true)
            const result = Exit.isSuccess(r) ? r.value : undefined
            const reported = new Set(result!.errors.map((e) => e.line))
            expect([...reported].sort((a, b) => a - b)).toEqual(text.badLines)
            if (text.badLines.length > 0) seen.rowErrors++
            if (f.truncate) seen.truncated++
            if (f.encoding === "shift_jis") seen.shiftJis++
            if (text.hostile) seen.quotedHostile++
            if (text.changedDuplicates) seen.changedDuplicates++
            if (text.sameDuplicates) seen.sameDuplicates++
            expect(versions.length).toBe(text.distinctGood)
            const again = await exit(ImportStore.importFile(chunks(text.bytes), { ...mapping, source, encoding: f.encoding }))
            expect(Exit.isSuccess(again) && again.value.recorded + again.value.changed).toBe(0)
          }),
          { numRuns: 40 }
        )
        // The generator must keep reaching each interesting case.
        for (const [k, v] of Object.entries(seen)) expect(v, k).toBeGreaterThan(0)
      })

      it(`${options.bulkRows.toLocaleString("en")} generated rows (one run): every good row once, every bad row reported`, async () => {
        const N = options.bulkRows
        const lines: Array<string> = [HEADER]
        const bad: Array<number> = []
        for (let i = 0; i < N; i++) {
          const impossible = i % 997 === 0
          if (impossible) bad.push(i + 2)
          lines.push(`L-${i % (N * 0.9)},${i % (N * 0.9)},"ﾔﾏ,""ﾀﾞ""\n${i % 7}",生活保護,${i < N * 0.9 ? "受給中" : "廃止"},${impossible ? "平成31年5月1日" : `令和${1 + (i % 6)}年${5 + (i % 8)}月${1 + (i % 28)}日`},,,,`)
        }
        const text = lines.join("\r\n") + "\r\n"
        // Line numbers count the newline inside each quoted name.
        const physicalBad = bad.map((l) => 2 + (l - 2) * 2)
        const r = await run(ImportStore.importFile(chunks(sjis(text)), { ...mapping, source: "bulk" }))
        expect(r.summary!.rows).toBe(N)
        expect(r.errors.length).toBeLessThanOrEqual(1000)
        expect(r.summary!.rowErrors).toBe(bad.length)
        expect(r.errors.slice(0, 20).map((e) => e.line)).toEqual(physicalBad.slice(0, 20))
        expect(r.recorded + r.changed).toBe(N - bad.length)
        const again = await run(ImportStore.importFile(chunks(sjis(text)), { ...mapping, source: "bulk" }))
        expect(again.recorded + again.changed).toBe(0)
      }, 400_000)
    })
  })
}

// ---------------------------------------------------------------------------------------------
// The hostile-file generator and its model
// ---------------------------------------------------------------------------------------------

type Fault = "none" | "lone_surrogate" | "other_encoding"

interface GenRow {
  readonly id: number
  readonly status: "受給中" | "停止" | "廃止"
  readonly date: { readonly text: string; readonly valid: boolean }
  readonly kana: string
  readonly fault: Fault
}

interface GenFile {
  readonly encoding: "utf-8" | "shift_jis"
  readonly rows: ReadonlyArray<GenRow>
  readonly truncate: boolean
}

const pieces = ['"', ",", "\n", "\r\n", "ｱ", "ﾀﾞ", "ｶﾞｯｺｳ", "髙", "①", "㈱", "a", " ", "　", "漢", "x,y", '""']
const validDate = fc
  .integer({ min: Period.toDayNumber(Period.unsafeDate("1989-01-08")), max: Period.toDayNumber(Period.unsafeDate("2030-12-31")) })
  .map((n) => ({ text: Period.formatEra(Period.fromDayNumber(n)), valid: true }))
const impossibleDate = fc.constantFrom("平成31年5月1日", "平成32年1月1日", "昭和64年2月1日", "令和元年4月30日", "令和2年2月30日", "R3.13.1").map((text) => ({ text, valid: false }))
const genRow = fc.record({
  id: fc.integer({ min: 0, max: 12 }),
  status: fc.constantFrom("受給中" as const, "停止" as const, "廃止" as const),
  date: fc.oneof({ weight: 5, arbitrary: validDate }, { weight: 1, arbitrary: impossibleDate }),
  kana: fc.array(fc.constantFrom(...pieces), { maxLength: 6 }).map((p) => p.join("")),
  fault: fc.constantFrom<Fault>(...(["none", "none", "none", "none", "none", "none", "none", "none", "none", "none", "none", "none", "none", "none", "lone_surrogate", "other_encoding"] as const))
})
const hostileFile: fc.Arbitrary<GenFile> = fc.record({
  encoding: fc.constantFrom("utf-8" as const, "shift_jis" as const),
  // Some rows come back later in the file unchanged (duplicates with the same content).
  rows: fc.array(genRow, { minLength: 1, maxLength: 25 }).chain((rows) => fc.subarray(rows, { maxLength: Math.min(3, rows.length) }).map((again) => [...rows, ...again])),
  truncate: fc.boolean()
})

const quote = (v: string): string => `"${v.replace(/"/g, '""')}"`
const normal = (v: string): string | undefined => {
  const n = v.trim().normalize("NFKC")
  return n === "" ? undefined : n
}

/** The file's bytes, and what a correct import must do with it. */
const renderFile = (f: GenFile) => {
  const enc = (s: string): Buffer => (f.encoding === "utf-8" ? utf8(s) : sjis(s))
  const other = (s: string): Buffer => (f.encoding === "utf-8" ? sjis(s) : utf8(s))
  const parts: Array<Buffer> = [enc(`${HEADER}\r\n`)]
  let line = 2
  const badLines: Array<number> = []
  const faultLines: Array<readonly [number, number]> = []
  const good = new Map<string, Set<string>>()
  let hostile = false
  let sameDuplicates = false
  f.rows.forEach((r, i) => {
    const last = i === f.rows.length - 1
    const id = `H-${r.id}`
    const kanaField = quote(r.kana)
    const rowText = `${id},${r.id},${kanaField},生活保護,${r.status},${r.date.text},,,,`
    const startLine = line
    line += (rowText.match(/\n/g) ?? []).length + 1
    if (/[",\n]/.test(r.kana)) hostile = true
    if (last && f.truncate) {
      // Cut after the name: fewer columns than the header, no line end.
      parts.push(enc(`${id},${r.id},${kanaField},生活`))
      badLines.push(startLine)
      return
    }
    const fault: Fault = r.fault === "other_encoding" && !/[^\x00-\x7f]/.test(rowText) ? "none" : f.encoding === "shift_jis" && r.fault === "lone_surrogate" ? "other_encoding" : r.fault
    if (fault === "lone_surrogate") {
      parts.push(enc(`${id},${r.id},`), Buffer.from([0xed, 0xa0, 0x80]), enc(`${rowText.slice(`${id},${r.id},`.length)}\r\n`))
      faultLines.push([startLine, line - 1])
      return
    }
    if (fault === "other_encoding") {
      const bytes = other(`${rowText}\r\n`)
      // Some byte sequences are valid in both encodings; only those that fail are faults.
      try {
        new TextDecoder(f.encoding, { fatal: true }).decode(bytes)
      } catch {
        parts.push(bytes)
        faultLines.push([startLine, line - 1])
        return
      }
      parts.push(enc(`${rowText}\r\n`))
    } else parts.push(enc(`${rowText}\r\n`))
    if (!r.date.valid) {
      badLines.push(startLine)
      return
    }
    const kana = normal(r.kana)
    const key = JSON.stringify([r.status, r.date.text, kana ?? null])
    const set = good.get(id) ?? new Set<string>()
    if (set.has(key)) sameDuplicates = true
    set.add(key)
    good.set(id, set)
  })
  let distinctGood = 0
  let changedDuplicates = false
  for (const s of good.values()) {
    distinctGood += s.size
    if (s.size > 1) changedDuplicates = true
  }
  return { bytes: Buffer.concat(parts), badLines, faultLines, distinctGood, hostile, changedDuplicates, sameDuplicates }
}
