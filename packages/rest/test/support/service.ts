// A real service on a real port for one test file: its own migrated database (a fresh schema on
// the PostgreSQL server when DATABASE_URL is set, a PGlite loaded from the migrated template
// otherwise), tokens for every role in two municipalities, and a tiny HTTP caller.
import { TestDatabase } from "@jiritsu/postgres/testing"
import { Layer } from "effect"
import * as Authentication from "../../src/Authentication.ts"
import * as PostgresStore from "../../src/PostgresStore.ts"
import type { Principal, Role } from "../../src/Principal.ts"
import * as Server from "../../src/Server.ts"
import type { Site } from "../../src/Site.ts"

export const TENANT_A = "131091" as Site["tenant"] // 品川区
export const TENANT_B = "012068" as Site["tenant"] // 釧路市

export const sites: ReadonlyArray<Site> = [
  { tenant: TENANT_A, name: { ja: "品川区", en: "Shinagawa" }, population: 404_000, metricSite: "shinagawa_employment_centre", helloWorkOffice: "hw-a", controller: { id: "wo-a", name: "品川区福祉事務所" } },
  { tenant: TENANT_B, name: { ja: "釧路市", en: "Kushiro" }, population: 160_000, metricSite: "kushiro_desk", helloWorkOffice: "hw-b", controller: { id: "wo-b", name: "釧路市福祉事務所" } }
]

export const roles: ReadonlyArray<Role> = ["caseworker", "employment_support_worker", "hw_navigator", "supervisor", "researcher", "admin"]

/** The principal of a role in a tenant: Hello Work navigators work for the tenant's Hello Work office. */
export const principalOf = (role: Role, tenant: Site["tenant"]): Principal => {
  const site = sites.find((s) => s.tenant === tenant)!
  return role === "hw_navigator"
    ? { id: `${tenant}-${role}`, organisation: { kind: "hello_work", id: site.helloWorkOffice }, tenant, roles: [role] }
    : { id: `${tenant}-${role}`, organisation: { kind: "municipality", id: site.controller.id }, tenant, roles: [role] }
}

export const tokenOf = (role: Role, tenant: Site["tenant"] = TENANT_A): string => `tok-${tenant}-${role}-0123456789`

export const tokenEntries: ReadonlyArray<Authentication.TokenEntry> = [TENANT_A, TENANT_B].flatMap((tenant) =>
  roles.map((role) => ({ token: tokenOf(role, tenant), principal: principalOf(role, tenant) }))
)

export interface Reply {
  readonly status: number
  readonly headers: Headers
  readonly text: string
  readonly body: any
}

export interface Service extends Server.Running {
  readonly call: (method: string, path: string, options?: { readonly token?: string | undefined; readonly body?: unknown; readonly raw?: string; readonly headers?: Record<string, string> }) => Promise<Reply>
}

export const call = (url: string) => async (method: string, path: string, options: { readonly token?: string | undefined; readonly body?: unknown; readonly raw?: string; readonly headers?: Record<string, string> } = {}): Promise<Reply> => {
  const headers: Record<string, string> = { ...(options.token === undefined ? {} : { authorization: `Bearer ${options.token}` }), ...options.headers }
  const body = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body))
  if (body !== undefined && headers["content-type"] === undefined) headers["content-type"] = "application/json"
  const r = await fetch(`${url}${path}`, { method, headers, ...(body === undefined ? {} : { body }) })
  const text = await r.text()
  let parsed: unknown
  try {
    parsed = text === "" ? undefined : JSON.parse(text)
  } catch {
    parsed = undefined
  }
  return { status: r.status, headers: r.headers, text, body: parsed }
}

/** The database layer of a test file (one connection on PGlite: it is one session). */
export const database = (): ReturnType<typeof TestDatabase.layer> => TestDatabase.layer({ namespaces: [PostgresStore.migrations], ...(TestDatabase.backend() === "embedded" ? { maxConnections: 1 } : {}) })

export const startService = async (options: { readonly bodyLimit?: number; readonly fastEvaluate?: boolean; readonly logRequests?: boolean } = {}): Promise<Service> => {
  const running = await Server.start({
    port: 0,
    sites,
    logRequests: options.logRequests ?? false,
    ...(options.bodyLimit === undefined ? {} : { bodyLimit: options.bodyLimit }),
    ...(options.fastEvaluate === undefined ? {} : { fastEvaluate: options.fastEvaluate }),
    store: PostgresStore.layer().pipe(Layer.provideMerge(database())),
    authentication: Authentication.layerFromTokens(tokenEntries)
  })
  return { ...running, call: call(running.url) }
}

/** A consent record drafted from the catalogue's Hello Work referral template, as the body of POST /v1/consents. */
export const referralConsent = (subjectRef: string, recordId: string) => ({
  template: { programme: "shinagawa.welfare_support", id: "hw_referral" },
  recordId,
  subjectRef,
  validFrom: "2024-01-01T00:00:00Z",
  validUntil: "2099-01-01T00:00:00Z",
  evidence: { ref: `scan://${recordId}`, sha256: "ab".repeat(32), recordedBy: "staff-1" },
  noticeVersion: "2024.1"
})

/** Gives consent: requested then given, both effective long ago. */
export const giveConsent = async (service: Service, token: string, recordId: string) => {
  const a = await service.call("POST", `/v1/consents/${recordId}/events`, { token, body: { kind: "requested", actor: { _tag: "subject" }, method: "paper-signed", effectiveAt: "2024-01-02T00:00:00Z" } })
  const b = await service.call("POST", `/v1/consents/${recordId}/events`, { token, body: { kind: "given", actor: { _tag: "subject" }, method: "paper-signed", effectiveAt: "2024-01-02T00:05:00Z" } })
  if (a.status !== 201 || b.status !== 201) throw new Error(`consent events refused: ${a.text} ${b.text}`)
}

export const personBody = (id: string) => ({
  id,
  data: {
    identity: { name: "山田 花子", birthDate: "1980-01-02" },
    contact: { phone: "03-0000-0000" },
    "welfare-status": { publicAssistance: true },
    health: { condition: "腰痛" },
    "employment-history": { last: "倉庫作業" }
  }
})
