// A service in its own process, for the two-processes-one-database test: the PostgreSQL server
// named by DATABASE_URL and the schema JIRITSU_TEST_SCHEMA. Prints "READY <url>" and stops on SIGTERM.
import { Database } from "@jiritsu/postgres"
import { Layer } from "effect"
import * as Authentication from "../../src/Authentication.ts"
import * as PostgresStore from "../../src/PostgresStore.ts"
import * as Server from "../../src/Server.ts"
import { sites, tokenEntries } from "./service.ts"

const running = await Server.start({
  port: 0,
  sites,
  logRequests: false,
  store: PostgresStore.layer().pipe(Layer.provideMerge(Database.layer({ url: process.env["DATABASE_URL"]!, schema: process.env["JIRITSU_TEST_SCHEMA"]!, maxConnections: 4 }))),
  authentication: Authentication.layerFromTokens(tokenEntries)
})
process.stdout.write(`READY ${running.url}\n`)
process.on("SIGTERM", () => void running.close().then(() => process.exit(0)))
