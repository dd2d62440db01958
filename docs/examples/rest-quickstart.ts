// The reference service in-process (embedded PostgreSQL in memory, the demo's sites and tokens),
// called with the typed Promise client: a verdict with its trace, rendered in English.
import { Period } from "@jiritsu/core"
import { Authentication, Client, Demo, PostgresStore, Server } from "@jiritsu/rest"

const service = await Server.start({ port: 0, sites: Demo.sites, store: PostgresStore.layerFrom({ dataDir: "memory://" }), authentication: Authentication.layerFromTokens(Demo.tokens), logRequests: false })
const api = Client.connect({ baseUrl: service.url, token: "demo-shinagawa-caseworker" })
const facts = { target_groups: ["welfare_recipient"], able_to_work: true, motivated: true, work_barrier: false, consents_to_participate: true }
const { verdict, summary } = await api.eligibility.evaluate({ payload: { programme: "national.hw_handoff", asOf: Period.unsafeDate("2024-04-01"), facts }, query: { lang: "en" } })
console.log(verdict.outcome, verdict.ruleSet?.version, verdict.hash)
console.log(summary)
await service.close()
