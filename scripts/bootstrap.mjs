#!/usr/bin/env node
// Bootstraps the workspace on a machine that has only Node (>= 20) and npm:
// installs the pinned pnpm locally (no global install, no corepack), installs the
// workspace (which brings Node 24 through the `node` devDependency), then runs
// the requested job with pnpm so that node_modules/.bin (Node 24) leads PATH.
import { spawnSync } from "node:child_process"
import { existsSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

const PNPM_VERSION = "12.21.0"
const root = join(dirname(fileURLToPath(import.meta.url)), "..")
const toolsDir = join(root, ".tools")
const pnpmBin = join(toolsDir, "node_modules", ".bin", process.platform === "win32" ? "pnpm.cmd" : "pnpm")

const jobs = {
  start: ["run", "demo"],
  test: ["run", "test:all"]
}

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: "inherit", shell: process.platform === "win32", ...options })
  if (result.error) throw result.error
  return result.status ?? 1
}

const [job = "test", ...rest] = process.argv.slice(2)
if (!(job in jobs)) {
  console.error(`bootstrap: unknown job "${job}"; expected one of ${Object.keys(jobs).join(", ")}`)
  process.exit(2)
}

if (!existsSync(pnpmBin)) {
  console.log(`bootstrap: installing pnpm ${PNPM_VERSION} into .tools/`)
  const status = run("npm", ["install", "--no-save", "--no-audit", "--no-fund", "--prefix", toolsDir, `pnpm@${PNPM_VERSION}`])
  if (status !== 0) process.exit(status)
}

const frozen = process.env.CI ? ["--frozen-lockfile"] : []
const installStatus = run(pnpmBin, ["install", "--reporter=append-only", ...frozen])
if (installStatus !== 0) process.exit(installStatus)

process.exit(run(pnpmBin, [...jobs[job], ...(rest.length ? ["--", ...rest] : [])]))
