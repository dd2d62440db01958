import { ledgers } from "./suites/ledgers.ts"

ledgers("plain")
