// The README's main command on a fresh machine: a fresh `git clone` of HEAD, a PATH on which any
// pnpm is shadowed by a stub that fails like a missing command (and Node 24 from an earlier install
// is gone), then `npm start` — it must set everything up and run the main job to the end. The same
// clone then runs a docs-quoted pnpm command through the pass-through (`npm run pnpm -- …`).
// One clone and install costs about 10–40 s here (the pnpm store is warm after the suite's own install).
import { execFileSync, spawnSync } from "node:child_process"
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

  it("npm start in a fresh clone installs everything and runs the main job", () => {
    const r = spawnSync("npm", ["start"], { cwd: clone, env: newcomerEnv(), encoding: "utf8", timeout: 240_000 })
    const output = `${r.stdout}\n${r.stderr}`
    expect(output).not.toMatch(/pnpm: not found|ELIFECYCLE|Command failed/)
    expect(r.status, output.slice(-2000)).toBe(0)
    expect(output).toContain("bootstrap: installing pnpm")
    // The main job's last lines (the integrated desk's disclosure log and metrics).
    expect(output).toContain("チェーン検証: OK")
    expect(output).toMatch(/就職率 \(placement_rate\): [\d.]+ %/)
  }, 300_000)

  it("a pnpm command quoted in the docs runs through npm (npm run pnpm -- …)", () => {
    const r = spawnSync("npm", ["run", "--silent", "pnpm", "--", "--filter", "@jiritsu/catalog", "test-rules"], { cwd: clone, env: newcomerEnv(), encoding: "utf8", timeout: 120_000 })
    expect(r.status, `${r.stdout}\n${r.stderr}`.slice(-2000)).toBe(0)
    expect(r.stdout).toMatch(/\d+ passed, 0 failed/)
  }, 150_000)
})
