// Handlers of the public-data groups: system (health), programmes and eligibility.
import { Catalogue } from "@jiritsu/catalog"
import { Programme, Stage, Verdict } from "@jiritsu/core"
import { Effect, Result } from "effect"
import { HttpApiBuilder } from "effect/http-api"
import { Api } from "../../Api.ts"
import type * as Contract from "../../Contract.ts"
import * as Problem from "../../Problem.ts"
import { Store } from "../../Store.ts"
import { now, principal, Service, todayJst } from "../context.ts"
import { typedJson } from "../encoded.ts"
import { idempotent } from "../idempotency.ts"
import { pageOf } from "../paging.ts"

export const SystemLive = HttpApiBuilder.group(Api, "system", (h) =>
  h.handle("health", () =>
    Effect.gen(function*() {
      const service = yield* Service
      const store = yield* Store
      const ok = yield* store.ping
      return { status: "ok" as const, service: service.name, version: service.version, database: { backend: store.backend, ok }, startedAt: service.startedAt }
    })
  )
)

const inForceAt = (p: Programme.Programme, asOf: string) => p.ruleSet.versions.find((v) => v.from <= asOf && (v.until === undefined || asOf < v.until))

const summaryOf = (p: Programme.Programme, asOf: string, lang: Contract.Lang): Contract.ProgrammeSummary => ({
  id: p.id,
  kind: p.kind,
  labels: p.labels,
  name: (Programme.nameAt(p, asOf) ?? p.labels)[lang],
  ...(p.municipality === undefined ? {} : { municipality: p.municipality }),
  ...(p.base === undefined ? {} : { base: p.base }),
  versions: p.ruleSet.versions.map((v) => (v.until === undefined ? { version: v.version, from: v.from } : { version: v.version, from: v.from, until: v.until })),
  inForce: inForceAt(p, asOf) !== undefined
})

const unknownProgramme = Problem.notFound("programme")

export const ProgrammesLive = HttpApiBuilder.group(Api, "programmes", (h) =>
  h
    .handle("list", ({ query }) =>
      Effect.gen(function*() {
        const { catalogue } = yield* Service
        const asOf = query.asOf ?? (yield* todayJst)
        const lang = query.lang ?? "ja"
        const wanted = query.municipality
        const programmes = catalogue.programmes.filter((p) => wanted === undefined || p.municipality?.en === wanted || p.municipality?.ja === wanted)
        return yield* pageOf(programmes.map((p) => summaryOf(p, asOf, lang)), query)
      })
    )
    .handle("get", ({ params, query }) =>
      Effect.gen(function*() {
        const { catalogue } = yield* Service
        const programme = Catalogue.get(catalogue, params.id)
        if (programme === undefined) return yield* unknownProgramme
        const asOf = query.asOf ?? (yield* todayJst)
        const lang = query.lang ?? "ja"
        const version = inForceAt(programme, asOf)
        return {
          programme,
          asOf,
          name: (Programme.nameAt(programme, asOf) ?? programme.labels)[lang],
          ...(version === undefined ? {} : { inForce: version }),
          stageGraphMermaid: Stage.toMermaid(programme.stageGraph, { labels: lang }),
          hash: Programme.hash(programme)
        }
      })
    )
)

const evaluationRefusal = (failure: Exclude<Catalogue.EvaluationError, Catalogue.UnknownProgramme>): Problem.BadRequest | Problem.DomainRefusal => {
  switch (failure._tag) {
    case "InputDecodeError":
      return Problem.badRequest(
        failure.issues.map((i) => ({ path: ["payload", ...i.path.map((p) => (typeof p === "number" ? p : String(p)))], message: i.message })),
        "判定に使う事実の値が不正です"
      )
    case "VersionNotFound":
      return Problem.domainRefusal({ source: "eligibility", tag: failure._tag, path: ["asOf"], message: failure.message, messageJa: failure.messageJa, details: failure })
    case "OverrideRefused":
      return Problem.domainRefusal({ source: "eligibility", tag: failure._tag, path: ["overrides"], message: failure.message, messageJa: failure.messageJa, details: failure })
  }
}

/**
 * The evaluate endpoint's answer to a decoded request, as a value: the verdict document, or the
 * problem the route fails with. Shared by the route and the fast path (`../fastEvaluate.ts`), so
 * both answer alike.
 */
export const evaluation = (
  catalogue: Catalogue.Catalogue,
  actor: string,
  payload: Contract.EvaluateRequest,
  lang: Contract.Lang
): Result.Result<Contract.EvaluateResponse, Problem.NotFound | Problem.BadRequest | Problem.DomainRefusal> => {
  const programme = Catalogue.get(catalogue, payload.programme)
  if (programme === undefined) return Result.fail(unknownProgramme)
  // A fact the programme does not ask about is a typo or a wrong programme: say so, naming it.
  const declared = programme.ruleSet.facts
  const unknown = declared === undefined ? [] : Object.keys(payload.facts).filter((f) => !Object.hasOwn(declared, f))
  if (unknown.length > 0) {
    return Result.fail(Problem.badRequest(
      unknown.map((f) => ({ path: ["payload", "facts", f], message: `${programme.id} does not use the fact ${JSON.stringify(f)} (its facts: ${Object.keys(declared!).join(", ")})` })),
      "この事業の判定に使わない事実が含まれています"
    ))
  }
  const overrides = payload.overrides?.map((o) => ({ ...o, actor }))
  const evaluated = Catalogue.evaluate(
    catalogue,
    { programme: payload.programme, asOf: payload.asOf, facts: payload.facts, ...(overrides === undefined ? {} : { overrides }) },
    payload.mode ?? "strict"
  )
  if (Result.isFailure(evaluated)) {
    const failure = evaluated.failure
    return Result.fail(failure._tag === "UnknownProgramme" ? unknownProgramme : evaluationRefusal(failure))
  }
  const verdict = evaluated.success
  const facts = programme.ruleSet.facts ?? {}
  return Result.succeed({
    verdict,
    lang,
    summary: Verdict.render(verdict, lang),
    reasons: [...Verdict.whyNot(verdict, lang)],
    questions: verdict.missingFacts.map((fact) => ({ fact, label: facts[fact.split("[")[0]!]?.labels[lang] ?? fact }))
  })
}

export const EligibilityLive = HttpApiBuilder.group(Api, "eligibility", (h) =>
  h.handle("evaluate", ({ payload, query, headers }) =>
    idempotent("eligibility.evaluate", headers["idempotency-key"], payload, Effect.gen(function*() {
      const { catalogue } = yield* Service
      const who = yield* principal
      const answer = evaluation(catalogue, who.id, payload, query.lang ?? "ja")
      return Result.isSuccess(answer) ? answer.success : yield* answer.failure
    })).pipe(Effect.map((document) => typedJson(document)))
  )
)

export { now }
