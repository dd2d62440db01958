#!/usr/bin/env node
// `jiritsu-serve` / `pnpm serve`: the reference service (see cli.ts).
import { main } from "./cli.ts"

process.exit(await main(process.argv.slice(2)))
