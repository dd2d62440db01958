// Idempotency-Key on POSTs: the first request with a key runs and its outcome is stored; the same
// key with the same request (endpoint, principal, path, body) replays that outcome without running
// again; with another request it is a 422. Outcomes that a retry could change (409 conflicts, 412,
// 5xx) are not stored, so the key can be used again.
import { Duration, Effect, Schedule } from "effect"
import { createHash } from "node:crypto"
import * as Problem from "../Problem.ts"
import { Store } from "../Store.ts"
import { principal } from "./context.ts"

const problems = {
  BadRequest: Problem.BadRequest,
  Unauthorized: Problem.Unauthorized,
  Forbidden: Problem.Forbidden,
  NotFound: Problem.NotFound,
  DomainRefusal: Problem.DomainRefusal,
  IdempotencyKeyReused: Problem.IdempotencyKeyReused,
  PayloadTooLarge: Problem.PayloadTooLarge,
  AlreadyExists: Problem.AlreadyExists,
  NoBasis: Problem.NoBasis
} as const
type Replayable = keyof typeof problems

const canonical = (value: unknown): string =>
  JSON.stringify(value, (_k, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v
  )

const hashOf = (value: unknown): string => createHash("sha256").update(canonical(value)).digest("hex")

const reused = (detail: string) =>
  new Problem.IdempotencyKeyReused({ code: "idempotency_key_reused", detail, detailJa: "同じ冪等キーが別の内容の要求に使われています", field: "headers.idempotency-key" })

interface Stored {
  readonly ok: boolean
  readonly tag?: Replayable
  readonly value: unknown
}

const isReplayable = (e: unknown): e is { readonly _tag: Replayable } =>
  typeof e === "object" && e !== null && Object.hasOwn(problems, (e as { readonly _tag?: string })._tag ?? "")

const fieldsOf = (e: object): Record<string, unknown> => {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(e)) if (k !== "_tag" && k !== "type" && k !== "status" && k !== "title") out[k] = v
  return out
}

// JSON drops `undefined` members, which optional schema fields need back to encode the same way.
const UNDEFINED = "~jiritsu/undefined"
const keepUndefined = (_key: string, value: unknown): unknown => (value === undefined ? UNDEFINED : value)
const revive = (value: unknown): unknown => {
  if (value === UNDEFINED) return undefined
  if (Array.isArray(value)) return value.map(revive)
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) out[k] = revive(v)
    return out
  }
  return value
}

const replay = <A, E>(stored: Stored): Effect.Effect<A, E> => {
  if (stored.ok) return Effect.succeed(revive(stored.value) as A)
  const Cls = problems[stored.tag!] as unknown as new(fields: unknown) => E
  return Effect.fail(new Cls(revive(stored.value)))
}

/**
 * Runs `effect` at most once per (tenant, key) and request. Without a key it just runs.
 * `request` is everything that identifies the request besides the principal (path ids, body).
 */
export const idempotent = <A, E, R>(
  operation: string,
  key: string | undefined,
  request: unknown,
  effect: Effect.Effect<A, E, R>
): Effect.Effect<A, E | Problem.IdempotencyKeyReused | Problem.RequestInProgress, R | Store | import("../Principal.ts").CurrentPrincipal> => {
  if (key === undefined) return effect
  return Effect.gen(function*() {
    const store = yield* Store
    const who = yield* principal
    const requestHash = hashOf({ operation, principal: who.id, request })
    const existing = yield* store.idempotency.claim(who.tenant, key, requestHash)
    if (existing !== undefined) {
      if (existing.requestHash !== requestHash) return yield* reused(`Idempotency-Key ${key} was used for a different request`)
      const done = existing.response ?? (yield* waitFor(who.tenant, key, requestHash))
      if (done === undefined) {
        return yield* new Problem.RequestInProgress({ code: "request_in_progress", detail: `the first request with Idempotency-Key ${key} is still running`, detailJa: "同じ冪等キーの要求を処理中です", field: "headers.idempotency-key" })
      }
      return yield* replay<A, E>(JSON.parse(done.body) as Stored)
    }
    const exit = yield* Effect.exit(effect)
    if (exit._tag === "Success") {
      yield* store.idempotency.complete(who.tenant, key, { status: 200, body: JSON.stringify({ ok: true, value: exit.value } satisfies Stored, keepUndefined) })
      return exit.value
    }
    const failure = exit.cause.reasons.find((r) => r._tag === "Fail")
    const error = failure?._tag === "Fail" ? failure.error : undefined
    if (error !== undefined && isReplayable(error)) {
      yield* store.idempotency.complete(who.tenant, key, { status: 400, body: JSON.stringify({ ok: false, tag: error._tag, value: fieldsOf(error) } satisfies Stored, keepUndefined) })
    } else {
      yield* store.idempotency.release(who.tenant, key)
    }
    return yield* exit
  }).pipe(Effect.uninterruptible) as never
}

const waitFor = (tenant: string, key: string, requestHash: string) =>
  Effect.gen(function*() {
    const store = yield* Store
    const again = yield* store.idempotency.claim(tenant, key, requestHash)
    // The first request failed and released the key: this request now owns it; let the caller retry.
    if (again === undefined) {
      yield* store.idempotency.release(tenant, key)
      return undefined
    }
    if (again.response === undefined) return yield* Effect.fail("pending" as const)
    return again.response
  }).pipe(
    Effect.retry({ schedule: Schedule.spaced(Duration.millis(50)), times: 100 }),
    Effect.catch(() => Effect.succeed(undefined))
  )
