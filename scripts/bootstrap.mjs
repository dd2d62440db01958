#!/usr/bin/env node
// Bootstraps the workspace on a machine that has only Node (>= 20) and npm:
// installs the pinned pnpm locally (no global install, no corepack), installs the
// workspace (which brings Node 24 through the `node` devDependency), then runs
// the requested job with pnpm so that node_modules/.bin (Node 24) leads PATH.
//
//   node scripts/bootstrap.mjs start|test [args…]   the README's two jobs
//   node scripts/bootstrap.mjs pnpm <pnpm args…>    any pnpm command (`npm run pnpm -- bench stages`)
//
// Every child runs with `.tools/node_modules/.bin` on PATH, so scripts that call `pnpm` (the root
// `demo` script, `pnpm --filter …` chains) find the project's pnpm on a machine that has none.
import { spawnSync } from "node:child_process"
import { existsSync } from "node:fs"
import { delimiter, dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

const PNPM_VERSION = "12.21.0"
const root = join(dirname(fileURLToPath(import.meta.url)), "..")
const toolsDir = join(root, ".tools")
const toolsBin = join(toolsDir, "node_modules", ".bin")
const pnpmBin = join(toolsBin, process.platform === "win32" ? "pnpm.cmd" : "pnpm")

// What each job runs with pnpm (arguments after the job name are passed on to it).
const jobs = {
  start: ["run", "serve"],
  test: ["run", "test:all"]
}

const childEnv = { ...process.env, PATH: [toolsBin, process.env.PATH ?? ""].join(delimiter) }

function run(cmd, args) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: childEnv, shell: process.platform === "win32" })
  if (result.error) throw result.error
  return result.status ?? 1
}

const [job = "test", ...rest] = process.argv.slice(2)
if (!(job in jobs) && job !== "pnpm") {
  console.error(`bootstrap: unknown job "${job}"; expected one of ${[...Object.keys(jobs), "pnpm"].join(", ")}`)
  process.exit(2)
}

if (!existsSync(pnpmBin)) {
  console.log(`bootstrap: installing pnpm ${PNPM_VERSION} into .tools/`)
  const status = run("npm", ["install", "--no-save", "--no-audit", "--no-fund", "--prefix", toolsDir, `pnpm@${PNPM_VERSION}`])
  if (status !== 0) process.exit(status)
}

// The pass-through job installs only when the workspace has never been installed (it may be the
// install itself, or a quick `pnpm --filter … <script>`); the README's jobs always install.
if (job !== "pnpm" || !existsSync(join(root, "node_modules", ".modules.yaml"))) {
  const frozen = process.env.CI ? ["--frozen-lockfile"] : []
  const installStatus = run(pnpmBin, ["install", "--reporter=append-only", ...frozen])
  if (installStatus !== 0) process.exit(installStatus)
}

if (job === "pnpm") process.exit(run(pnpmBin, rest))
process.exit(run(pnpmBin, [...jobs[job], ...(rest.length ? ["--", ...rest] : [])]))
