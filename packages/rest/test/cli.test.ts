// `jiritsu serve` (the @jiritsu/rest/cli plugin) and the demo it seeds: flags and their errors, the
// banner, the token file (strict, line and column), data kept between runs, --fresh — and the demo
// generator reaching every consent state, phase and stage, with follow-ups due today.
import { Case, Consent, Period } from "@jiritsu/core"
import { Result } from "effect"
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import * as Authentication from "../src/Authentication.ts"
import * as Cli from "../src/cli.ts"
import * as Demo from "../src/Demo.ts"

const work = mkdtempSync(join(tmpdir(), "jiritsu-serve-"))
afterAll(() => rmSync(work, { recursive: true, force: true }))

/** Runs `serve` until `whileUp` is done; returns the exit code and every line printed. */
const serve = async (argv: ReadonlyArray<string>, whileUp: (url: string) => Promise<void> = async () => {}) => {
  const lines: Array<string> = []
  let stop!: () => void
  const stopSignal = new Promise<void>((r) => (stop = r))
  let failure: unknown
  const code = await Cli.run(argv, {
    out: (l) => lines.push(l),
    err: (l) => lines.push(l),
    // Never the shared server: this test writes to its own embedded database.
    env: {},
    cwd: work,
    stopSignal,
    onReady: (running) => {
      whileUp(running.url).then(
        () => stop(),
        (e: unknown) => {
          failure = e
          stop()
        }
      )
    }
  })
  if (failure !== undefined) throw failure
  return { code, text: lines.join("\n") }
}

describe("serve: arguments", () => {
  it("refuses unknown options and bad values with usage and exit 2", async () => {
    for (const argv of [["--prot", "3000"], ["--port", "70000"], ["--port"], ["--data-dir"]]) {
      const r = await serve(argv)
      expect(r.code, argv.join(" ")).toBe(2)
      expect(r.text).toContain("usage: jiritsu serve")
    }
    expect((await serve(["--help"])).code).toBe(0)
    expect(Cli.commands.map((c) => c.name)).toEqual(["serve"])
  })

  it("refuses --fresh with DATABASE_URL rather than touch a server", async () => {
    const code = await Cli.run(["--fresh"], { out: () => {}, err: () => {}, env: { DATABASE_URL: "postgres://nobody@127.0.0.1:1/none" }, cwd: work })
    expect(code).toBe(2)
  })

  it("a token file with an unknown key stops the start, naming its line and column", async () => {
    const file = join(work, "bad-tokens.json")
    writeFileSync(file, `{\n  "format": "jiritsu.tokens/1",\n  "tokens": [\n    { "token": "0123456789abcdef", "principal": { "id": "x", "organisation": { "kind": "municipality", "id": "o" }, "tenant": "131091", "rolez": ["caseworker"], "roles": ["caseworker"] } }\n  ]\n}\n`)
    const r = await serve(["--tokens", file, "--no-demo", "--port", "0"])
    expect(r.code).toBe(2)
    expect(r.text).toMatch(/bad-tokens\.json:4:\d+: tokens\[0\]\.principal\.rolez/)
  })
})

describe("serve: running", () => {
  const dataDir = join(work, "data")

  it("starts on embedded PostgreSQL, prints URL, docs and tokens, answers, keeps its data, stops cleanly", async () => {
    const first = await serve(["--port", "0", "--data-dir", dataDir, "--no-demo", "--quiet"], async (url) => {
      expect((await fetch(`${url}/v1/health`)).status).toBe(200)
      const created = await fetch(`${url}/v1/persons`, {
        method: "POST",
        headers: { authorization: "Bearer demo-shinagawa-caseworker", "content-type": "application/json" },
        body: JSON.stringify({ id: "p-kept", data: { identity: { name: "保存 確認" } } })
      })
      expect(created.status).toBe(201)
    })
    expect(first.code).toBe(0)
    expect(first.text).toMatch(/URL\s+http:\/\/127\.0\.0\.1:\d+/)
    expect(first.text).toMatch(/Docs\s+http:\/\/127\.0\.0\.1:\d+\/docs/)
    for (const t of Demo.tokens) expect(first.text).toContain(t.token)
    expect(first.text).toContain("stopped")
    const tokenFile = join(work, ".jiritsu", "..", "data", "..", "tokens.json")
    expect(existsSync(tokenFile)).toBe(true)
    expect(Result.isSuccess(Authentication.parseTokenFile(readFileSync(tokenFile, "utf8"), tokenFile))).toBe(true)

    // The data is still there on the next start…
    await serve(["--port", "0", "--data-dir", dataDir, "--no-demo", "--quiet"], async (url) => {
      const kept = await fetch(`${url}/v1/persons/p-kept`, { headers: { authorization: "Bearer demo-shinagawa-caseworker" } })
      expect(kept.status).toBe(200)
    })
    // …and gone after --fresh (which resets before anything else: here the start then stops at
    // a missing token file, so no second database start is needed to see the data gone).
    expect(existsSync(dataDir)).toBe(true)
    const fresh = await serve(["--port", "0", "--data-dir", dataDir, "--fresh", "--tokens", join(work, "no-such-tokens.json")])
    expect(fresh.code).toBe(2)
    expect(fresh.text).toContain("no-such-tokens.json")
    expect(existsSync(join(dataDir, "PG_VERSION"))).toBe(false)
  })
})

describe("the demo municipality (generated)", () => {
  const today = Period.unsafeDate("2026-12-01")
  const data = Demo.generate({ today })

  it("is the same for the same seed and date", () => {
    expect(JSON.stringify(Demo.generate({ today }))).toBe(JSON.stringify(data))
    expect(JSON.stringify(Demo.generate({ today, seed: 7 }))).not.toBe(JSON.stringify(data))
  })

  it("has a few hundred people, consents in every state, cases in every phase and stage, follow-ups due today", () => {
    expect(data.persons.length).toBeGreaterThanOrEqual(200)
    const states = new Set<string>()
    for (const { entries } of data.consents) {
      const ledger = Result.getOrThrow(Consent.fromEntries(entries))
      const record = ledger.records[0]
      states.add(record === undefined ? "None" : Consent.stateAt(ledger, record.recordId, Consent.jstStartOfDay(today)))
    }
    expect([...states].sort()).toEqual([...Consent.ConsentState.literals].sort())
    const phases = new Set<string>()
    const stages = new Set<string>()
    let due = 0
    let placements = 0
    for (const c of data.cases) {
      const state = Case.replay(c.events)
      expect(Case.invariantViolations(state), c.id).toEqual([])
      phases.add(state.phase)
      if (state.stage !== undefined) stages.add(state.stage)
      placements += state.placements.length
      due += Case.dueFollowUps(state, today).length
      for (const e of c.events) expect(e.occurredAt <= today, c.id).toBe(true)
    }
    for (const phase of Case.Phase.literals.filter((p) => p !== "none")) expect(phases.has(phase), phase).toBe(true)
    for (const stage of ["daily_living", "social_life", "intermediate_work_unpaid", "intermediate_work_paid", "employment"]) expect(stages.has(stage), stage).toBe(true)
    expect(placements).toBeGreaterThan(20)
    expect(due).toBeGreaterThanOrEqual(5)
    expect(data.disclosures.length).toBeGreaterThan(20)
    expect(data.plans[0]!.plan.fiscalYear).toBe(Period.fiscalYearOf(today))
  })

  it("refers to Hello Work only those whose consent permits it on the day", () => {
    for (const c of data.cases) {
      const state = Case.replay(c.events)
      for (const r of state.referrals.filter((x) => x.destination === "hello_work")) expect(r.consentRecordIds.length, c.id).toBeGreaterThan(0)
    }
  })
})
