#!/usr/bin/env node
// The `jiritsu` executable. Runs under Node 24's type stripping: `node src/cli.ts test-rules cases`.
import { main } from "./CommandLine.ts"

main(process.argv.slice(2), {
  cwd: process.cwd(),
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`)
}).then(
  (code) => {
    process.exitCode = code
  },
  (e: unknown) => {
    process.stderr.write(`jiritsu: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`)
    process.exitCode = 2
  }
)
