import { describe, it } from "vitest"
import { importStoreContract } from "./contract/importStore.ts"

const url = process.env["DATABASE_URL"]
if (url !== undefined && url !== "") importStoreContract("the PostgreSQL server (DATABASE_URL)", url, { bulkRows: 100_000 })
else describe.skip("ImportStore on the PostgreSQL server: DATABASE_URL is not set", () => it("skipped", () => undefined))
