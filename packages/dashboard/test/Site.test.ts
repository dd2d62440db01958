// The built site: where it is, that it is built on demand and only when a source changed, and
// that concurrent builders wait for each other.
import { createHash } from "node:crypto"
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { Site } from "../src/index.ts"
import { isStale, withBuildLock } from "../src/internal/build.ts"

const scratch = mkdtempSync(join(tmpdir(), "jiritsu-site-"))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

describe("Site", () => {
  it("ensure() gives the directory with index.html, built from the current sources", async () => {
    const dir = await Site.ensure()
    expect(dir).toBe(Site.directory)
    expect(Site.status()).toBe("fresh")
    const html = readFileSync(join(dir, "index.html"), "utf8")
    expect(html).toMatch(/<html lang="ja">/)
    // Relative asset URLs: the site can be mounted at / or under a prefix.
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!).filter((u) => !u.startsWith("data:"))
    expect(assets.length).toBeGreaterThan(0)
    for (const a of assets) {
      expect(a.startsWith("./")).toBe(true)
      expect(existsSync(join(dir, a))).toBe(true)
    }
  })

  it("holds only what a browser needs: no WebAssembly, no database, no Node built-ins, a small first chunk", async () => {
    const dir = await Site.ensure()
    const files = readdirSync(join(dir, "assets"))
    expect(files.filter((f) => !/\.(js|css)$/.test(f)), "non-JS/CSS assets").toEqual([])
    const js = files.filter((f) => f.endsWith(".js")).map((f) => ({ f, text: readFileSync(join(dir, "assets", f), "utf8") }))
    for (const { f, text } of js) {
      expect(text, f).not.toMatch(/electric-sql|class PGlite|\.wasm\b/)
      expect(text, f).not.toMatch(/from\s*["']node:/)
    }
    // The entry chunk (what the first view evaluates before its first API call) stays lean; charts load beside it.
    const entry = readFileSync(join(dir, "index.html"), "utf8").match(/src="\.\/assets\/([^"]+\.js)"/)![1]!
    expect(statSync(join(dir, "assets", entry)).size).toBeLessThan(600_000)
  })

  it("a build is stale when a recorded input changes or disappears, and fresh otherwise", () => {
    const input = join(scratch, "input.ts")
    writeFileSync(input, "export const a = 1\n")
    const record = (hash: string) => writeFileSync(join(scratch, ".site-inputs.json"), JSON.stringify({ version: 1, inputs: { "input.ts": hash } }))
    record(createHash("sha256").update("export const a = 1\n").digest("hex"))
    expect(isStale(scratch)).toBe(false)
    writeFileSync(input, "export const a = 2\n")
    expect(isStale(scratch)).toBe(true)
    rmSync(input)
    expect(isStale(scratch)).toBe(true)
    writeFileSync(join(scratch, ".site-inputs.json"), "{ not json")
    expect(isStale(scratch)).toBe(true)
  })

  it("the record the build writes makes the site fresh until one of its inputs changes", async () => {
    const record = JSON.parse(readFileSync(join(Site.directory, "..", ".site-inputs.json"), "utf8")) as { inputs: Record<string, string> }
    const files = Object.keys(record.inputs)
    // The app, the core and the REST API definition it is compiled against are all inputs.
    expect(files.some((f) => f.startsWith("app/pages/"))).toBe(true)
    expect(files).toContain("../core/src/Period.ts")
    expect(files).toContain("../rest/src/Api.ts")
    // A copy of the record with one hash altered is stale; the real one is fresh.
    writeFileSync(join(scratch, ".site-inputs.json"), JSON.stringify({ version: 1, inputs: Object.fromEntries(files.map((f) => [join(Site.directory, "..", f), record.inputs[f]])) }))
    expect(isStale(scratch)).toBe(false)
    const [first] = files
    writeFileSync(join(scratch, ".site-inputs.json"), JSON.stringify({ version: 1, inputs: { [join(Site.directory, "..", first!)]: "0".repeat(64) } }))
    expect(isStale(scratch)).toBe(true)
    rmSync(join(scratch, ".site-inputs.json"))
    expect(isStale(scratch)).toBe(true)
  })

  it("builders take turns: the lock admits one at a time", async () => {
    const order: Array<string> = []
    const run = (name: string) =>
      withBuildLock(scratch, async () => {
        order.push(`${name}:start`)
        await new Promise((r) => setTimeout(r, 150))
        order.push(`${name}:end`)
      })
    await Promise.all([run("a"), run("b")])
    expect(order[1]).toBe(`${order[0]!.split(":")[0]}:end`)
    expect(existsSync(join(scratch, ".site.lock"))).toBe(false)
  })

  it("an abandoned lock (its process is gone) does not block a build", async () => {
    writeFileSync(join(scratch, ".site.lock"), "999999999")
    let ran = false
    await withBuildLock(scratch, async () => {
      ran = true
    })
    expect(ran).toBe(true)
  })
})
