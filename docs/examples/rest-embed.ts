// Embedding the service: your own municipality, your own identity provider as the authentication
// layer (here a lookup table standing in for it), the routes on a port of your choice.
import { Authentication, PostgresStore, Principal, Server } from "@jiritsu/rest"

const staff: Record<string, Principal.Principal> = {
  "session-7f3a2c9b1d": {
    id: "cw-takamatsu-03",
    name: "高松 次郎",
    organisation: { kind: "municipality", id: "takamatsu-welfare-office" },
    tenant: "372013" as Principal.TenantCode,
    roles: ["caseworker"]
  }
}

const service = await Server.start({
  port: 0,
  sites: [
    {
      tenant: "372013" as Principal.TenantCode,
      name: { ja: "高松市", en: "Takamatsu" },
      population: 417_000,
      metricSite: "takamatsu_job_corner",
      helloWorkOffice: "hw-takamatsu",
      controller: { id: "takamatsu-welfare-office", name: "高松市福祉事務所" }
    }
  ],
  store: PostgresStore.layerFrom({ dataDir: "memory://" }),
  // Your identity provider decides who a token is; undefined means "unknown token" (401).
  authentication: Authentication.layer(async (token) => staff[token]),
  logRequests: false
})

const health = await fetch(`${service.url}/v1/health`)
console.log("health", health.status, ((await health.json()) as { readonly database: unknown }).database)
const denied = await fetch(`${service.url}/v1/cases`, { headers: { authorization: "Bearer wrong-session-token" } })
console.log("unknown token", denied.status, denied.headers.get("content-type"), ((await denied.json()) as { readonly code: string }).code)
const cases = await fetch(`${service.url}/v1/cases`, { headers: { authorization: "Bearer session-7f3a2c9b1d" } })
console.log("caseworker", cases.status, await cases.json())
await service.close()
