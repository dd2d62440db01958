#!/usr/bin/env node
// `pnpm simulate …` / `pnpm estimate …` at the workspace root (and `pnpm --filter @jiritsu/sim cli …`):
// runs the CLI in the directory pnpm was started from.
import { main } from "./cli.ts"

main(process.argv.slice(2), {
  cwd: process.env["INIT_CWD"] ?? process.cwd(),
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  progress: { isTTY: process.stderr.isTTY === true, write: (text) => process.stderr.write(text) }
}).then(
  (code) => {
    process.exitCode = code
  },
  (e: unknown) => {
    process.stderr.write(`jiritsu: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`)
    process.exitCode = 2
  }
)
