// The README's main command on a fresh machine: a fresh `git clone` of HEAD, a PATH on which any
// pnpm is shadowed by a stub that fails like a missing command (and Node 24 from an earlier install
// is gone), then `npm start` — it must set everything up and start the reference service. The same
// clone then runs a docs-quoted pnpm command through the pass-through (`npm run pnpm -- …`).
// One clone and install costs about 10–40 s here (the pnpm store is warm after the suite's own install).
import { execFileSync, spawn, spawnSync } from "node:child_process"
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { delimiter, join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"

const repoRoot = join(import.meta.dirname, "..", "..")
const work = mkdtempSync(join(tmpdir(), "jiritsu-newcomer-"))
const clone = join(work, "repo")
const shim = join(work, "shim")

// A newcomer's PATH: the system's, without node_modules/.bin (Node 24), without any pnpm, with a
// stub `pnpm` first that fails like a missing command.
const newcomerPath = (): string => {
  const dirs = (process.env.PATH ?? "").split(delimiter).filter((d) => d !== "" && !d.includes("node_modules") && !d.includes(".tools") && !existsSync(join(d, "pnpm")))
  return [shim, ...dirs].join(delimiter)
}

const newcomerEnv = (): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = {}
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith("npm_") && !k.startsWith("PNPM") && !k.startsWith("VITEST") && k !== "NODE_OPTIONS" && k !== "JIRITSU_JSON_REPORT") env[k] = v
  return { ...env, PATH: newcomerPath() }
}

beforeAll(() => {
  execFileSync("git", ["clone", "-q", repoRoot, clone], { stdio: "pipe" })
  mkdirSync(shim)
  writeFileSync(join(shim, "pnpm"), '#!/bin/sh\necho "sh: 1: pnpm: not found (a newcomer has no global pnpm)" >&2\nexit 127\n')
  chmodSync(join(shim, "pnpm"), 0o755)
}, 60_000)

afterAll(() => rmSync(work, { recursive: true, force: true }))

describe("a newcomer with only Node and npm", () => {
  it("the stub shadows pnpm and the bare node is not the workspace's", () => {
    const r = spawnSync("sh", ["-c", "pnpm --version"], { env: newcomerEnv(), encoding: "utf8" })
    expect(r.status).toBe(127)
  })

  it("npm start in a fresh clone installs everything and starts the reference service", async () => {
    // The main job is a service: it runs until stopped. Start it on a free port, wait for its
    // banner, ask it for its health and the demo caseload, then stop it (SIGTERM to its group).
    const child = spawn("npm", ["start", "--", "--port", "0", "--quiet"], { cwd: clone, env: newcomerEnv(), detached: true, stdio: ["ignore", "pipe", "pipe"] })
    let output = ""
    child.stdout!.on("data", (c: Buffer) => (output += c.toString("utf8")))
    child.stderr!.on("data", (c: Buffer) => (output += c.toString("utf8")))
    const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)))
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const poll = setInterval(() => {
          const m = /ready in[\s\S]*?URL\s+(http:\/\/\S+)/.exec(output)
          if (m !== null) {
            clearInterval(poll)
            resolve(m[1]!)
          }
        }, 200)
        void exited.then((code) => {
          clearInterval(poll)
          reject(new Error(`npm start exited ${code}:\n${output.slice(-2000)}`))
        })
      })
      expect(output).not.toMatch(/pnpm: not found|ELIFECYCLE|Command failed/)
      expect(output).toContain("bootstrap: installing pnpm")
      expect(output).toMatch(/Docs\s+http:\/\/\S+\/docs/)
      const token = /(demo-shinagawa-caseworker)/.exec(output)?.[1]
      expect(token).toBeDefined()
      expect((await fetch(`${url}/v1/health`)).status).toBe(200)
      const cases = (await (await fetch(`${url}/v1/cases?limit=5`, { headers: { authorization: `Bearer ${token}` } })).json()) as { readonly items: ReadonlyArray<unknown> }
      expect(cases.items.length).toBe(5)
      // The dashboard, built on demand in the fresh clone, is what / shows.
      expect(output).toMatch(/Dashboard\s+http:\/\/\S+\//)
      const home = await fetch(`${url}/`)
      expect(home.headers.get("content-type")).toMatch(/^text\/html/)
      expect(await home.text()).toContain('<div id="app">')
    } finally {
      try {
        process.kill(-child.pid!, "SIGTERM")
      } catch {
        // already gone
      }
      await exited
    }
  }, 300_000)

  it("a pnpm command quoted in the docs runs through npm (npm run pnpm -- …)", () => {
    const r = spawnSync("npm", ["run", "--silent", "pnpm", "--", "--filter", "@jiritsu/catalog", "test-rules"], { cwd: clone, env: newcomerEnv(), encoding: "utf8", timeout: 120_000 })
    expect(r.status, `${r.stdout}\n${r.stderr}`.slice(-2000)).toBe(0)
    expect(r.stdout).toMatch(/\d+ passed, 0 failed/)
  }, 150_000)
})
