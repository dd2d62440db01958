// The reference service as the e2e suite runs it: embedded PGlite (in memory), the demo
// municipality generated for a fixed "today", the demo tokens, and the dashboard mounted at `/` —
// the same parts `npm start` puts together, on a free port.
import { Period } from "@jiritsu/core"
import { Database } from "@jiritsu/postgres"
import { Authentication, Demo, PostgresStore, Server } from "@jiritsu/rest"
import type { Principal } from "@jiritsu/rest/api"
import { Layer, ManagedRuntime } from "effect"
import { Site } from "../../src/index.ts"
import { clientFor, run } from "./client.ts"

export interface DemoToken {
  readonly label: string
  readonly token: string
  readonly principal: Principal.Principal
}

export interface DemoService {
  readonly url: string
  /** The demo's "today": every page is viewed as of it. */
  readonly asOf: Period.LocalDate
  readonly tokens: ReadonlyArray<DemoToken>
  /** A case Hello Work may open whose person has categories withheld from Hello Work. */
  readonly caseWithWithheldData: { readonly caseId: string; readonly subjectId: string }
  readonly close: () => Promise<void>
}

const TODAY = Period.unsafeDate("2026-10-30")

const slug = (label: string): string => label.replace(/\s*\(.*\)\s*/, "").trim().toLowerCase().replace(/[^a-z0-9]+/g, "-")

/** The demo tokens of the demo municipality (known before the service starts, so tests can be named after them). */
export const demoTokens: ReadonlyArray<DemoToken> = Demo.tokens
  .filter((t) => t.principal.tenant === Demo.SHINAGAWA)
  .map((t) => ({ label: slug(t.label ?? t.principal.id), token: t.token, principal: t.principal }))

export const startDemoService = async (): Promise<DemoService> => {
  const store = PostgresStore.layer().pipe(Layer.provide(Database.layer({ dataDir: "memory://", maxConnections: 1 })))
  const app = Server.layer({ port: 0, sites: Demo.sites, staticDirectory: await Site.ensure(), logRequests: false }).pipe(
    Layer.provideMerge(store),
    Layer.provide(Authentication.layerFromTokens(Demo.tokens))
  )
  const runtime = ManagedRuntime.make(app)
  try {
    await runtime.runPromise(Demo.seed(Demo.generate({ today: TODAY })))
    const url = await runtime.runPromise(Server.urlOf)
    return { url, asOf: TODAY, tokens: demoTokens, caseWithWithheldData: await findWithheldCase(url, demoTokens), close: () => runtime.dispose() }
  } catch (e) {
    await runtime.dispose()
    throw e
  }
}

/** Looks through the demo, as the welfare office and as Hello Work, for a case whose person Hello Work sees partly withheld. */
const findWithheldCase = async (url: string, tokens: ReadonlyArray<DemoToken>): Promise<{ readonly caseId: string; readonly subjectId: string }> => {
  const controller = tokens.find((t) => t.principal.organisation.kind === "municipality" && t.principal.roles.includes("caseworker"))!
  const helloWork = tokens.find((t) => t.principal.organisation.kind === "hello_work")!
  const office = clientFor(url, controller.token)
  const hw = clientFor(url, helloWork.token)
  let cursor: string | undefined
  do {
    const page = await run(office.cases.list({ query: cursor === undefined ? { limit: 100 } : { limit: 100, cursor } }))
    for (const c of page.items) {
      const view = await run(hw.persons.get({ params: { id: c.subjectId }, query: {} })).catch(() => undefined)
      if (view === undefined || view.withheld.length === 0 || Object.keys(view.data).length === 0) continue
      const readable = await run(hw.cases.get({ params: { id: c.id } })).then(() => true, () => false)
      if (readable) return { caseId: c.id, subjectId: c.subjectId }
    }
    cursor = page.nextCursor
  } while (cursor !== undefined)
  throw new Error("the demo data has no case Hello Work may open with withheld categories")
}
