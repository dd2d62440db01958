// Handlers of the aggregate groups: business plans with their progress, and the national figures.
import { Period, Target } from "@jiritsu/core"
import { Effect, Result } from "effect"
import { HttpApiBuilder } from "effect/http-api"
import { Api } from "../../Api.ts"
import * as Problem from "../../Problem.ts"
import { Store } from "../../Store.ts"
import { principal, siteOf, todayJst } from "../context.ts"
import { idempotent } from "../idempotency.ts"
import { pageOf } from "../paging.ts"

const targetRefusal = (e: Target.TargetError) =>
  Problem.domainRefusal({ source: "target", tag: e._tag, code: e.code, path: e.path, message: e.message, messageJa: e.messageJa })

export const TargetsLive = HttpApiBuilder.group(Api, "targets", (h) =>
  h
    .handle("listPlans", ({ query }) =>
      Effect.gen(function*() {
        const who = yield* principal
        const store = yield* Store
        const plans = yield* store.plans.list(who.tenant)
        return yield* pageOf(plans.filter((p) => query.fiscalYear === undefined || p.fiscalYear === query.fiscalYear), query)
      })
    )
    .handle("createPlan", ({ payload, headers }) =>
      idempotent("targets.createPlan", headers["idempotency-key"], payload, Effect.gen(function*() {
        const who = yield* principal
        const store = yield* Store
        const valid = Target.validatePlan(payload)
        if (Result.isFailure(valid)) return yield* targetRefusal(valid.failure)
        return yield* store.plans.create(who.tenant, valid.success).pipe(
          Effect.catchTag("Duplicate", () =>
            Effect.fail(new Problem.AlreadyExists({ code: "already_exists", detail: `a plan with id ${payload.id} already exists`, detailJa: "同じIDの事業計画が既に登録されています", resource: "plan", id: payload.id }))
          )
        )
      }))
    )
    .handle("progress", ({ params, query }) =>
      Effect.gen(function*() {
        const who = yield* principal
        const store = yield* Store
        const plan = yield* store.plans.get(who.tenant, params.id)
        if (plan === undefined) return yield* Problem.notFound("plan")
        const asOf = query.asOf ?? (yield* todayJst)
        const lang = query.lang ?? "ja"
        const tally = yield* store.metrics.tally(who.tenant)
        const report = Target.report(plan, tally, asOf)
        if (Result.isFailure(report)) return yield* targetRefusal(report.failure)
        return { report: report.success, rows: [...Target.reportRows(report.success)], heading: report.success.heading[lang] }
      })
    )
)

/** The calendar month of month `m` (1–12) of fiscal year `fy`: April–December in `fy`, January–March in `fy + 1`. */
const monthOfFiscalYear = (fy: number, m: number): Period.YearMonth => Period.unsafeMonth(`${m >= 4 ? fy : fy + 1}-${String(m).padStart(2, "0")}`)

export const ReportsLive = HttpApiBuilder.group(Api, "reports", (h) =>
  h.handle("national", ({ query }) =>
    Effect.gen(function*() {
      const who = yield* principal
      const store = yield* Store
      const site = yield* siteOf(who)
      const lang = query.lang ?? "ja"
      const month = query.month === undefined ? undefined : monthOfFiscalYear(query.fiscalYear, query.month)
      const window = month === undefined ? Period.fiscalYearWindow(query.fiscalYear) : Period.monthWindow(month)
      const tally = yield* store.metrics.tally(who.tenant)
      const figures = Target.nationalFigures(tally, window, { population: site.population })
      if (Result.isFailure(figures)) return yield* Effect.die(figures.failure)
      const label = Period.fiscalYearLabel(query.fiscalYear)
      const heading =
        lang === "ja"
          ? `${site.name.ja} 支援状況調査 ${label}${month === undefined ? "" : ` ${Number(month.slice(5))}月`}`
          : `${site.name.en} support-status survey FY${query.fiscalYear}${month === undefined ? "" : ` ${month}`}`
      return { fiscalYear: query.fiscalYear, ...(month === undefined ? {} : { month }), window, population: site.population, figures: [...figures.success], heading }
    })
  )
)
