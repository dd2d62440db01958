// What every handler may read: the service's configuration (catalogue, sites, version), the clock,
// the current request id and the principal's site.
import type { Catalogue } from "@jiritsu/catalog"
import { Period } from "@jiritsu/core"
import { Clock, Context, Effect } from "effect"
import { CurrentPrincipal, type Principal } from "../Principal.ts"
import * as Problem from "../Problem.ts"
import type { Site } from "../Site.ts"

export interface ServiceInfo {
  readonly catalogue: Catalogue.Catalogue
  readonly sites: ReadonlyMap<string, Site>
  readonly name: string
  readonly version: string
  readonly startedAt: Period.Instant
}

export class Service extends Context.Service<Service, ServiceInfo>()("@jiritsu/rest/internal/Service") {}

/** The id of the request being handled (set by the guard middleware). */
export class RequestId extends Context.Service<RequestId, string>()("@jiritsu/rest/RequestId") {}

/** Now, from the Effect clock, as a core instant (whole milliseconds, `Z`). */
export const now: Effect.Effect<Period.Instant> = Effect.map(Clock.currentTimeMillis, (ms) => Period.unsafeInstant(new Date(Number(ms)).toISOString()))

/** Today in Japan (JST, UTC+9): the date every "as of today" defaults to. */
export const todayJst: Effect.Effect<Period.LocalDate> = Effect.map(Clock.currentTimeMillis, (ms) =>
  Period.unsafeDate(new Date(Number(ms) + 9 * 3_600_000).toISOString().slice(0, 10))
)

export const requestId: Effect.Effect<string> = Effect.map(Effect.serviceOption(RequestId), (o) => (o._tag === "Some" ? o.value : "-"))

/** The site of the principal's tenant; a principal of a tenant the service does not serve is a configuration fault. */
export const siteOf = (principal: Principal): Effect.Effect<Site, never, Service> =>
  Effect.flatMap(Service, (s) => {
    const site = s.sites.get(principal.tenant)
    return site === undefined
      ? Effect.die(new Problem.InternalError({ code: "internal_error", detail: `no site is configured for tenant ${principal.tenant}` }))
      : Effect.succeed(site)
  })

export const principal: Effect.Effect<Principal, never, CurrentPrincipal> = CurrentPrincipal
