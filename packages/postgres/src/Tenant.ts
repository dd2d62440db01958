/**
 * Tenant (テナント) — the municipality (地方公共団体) whose rows a caller may read and write.
 *
 * Every row of every table carries the municipality code (地方公共団体コード, 6 digits: 5 digits of
 * prefecture + municipality and a check digit), first in every key. Store code never takes the
 * tenant from input: it reads it from the {@link Tenant} context service, which the embedding
 * application provides from its authenticated principal.
 *
 * @since 0.1.0
 * @module
 */
import { Context, Effect, Layer, Result, Schema } from "effect"
import { dual } from "effect/Function"

/**
 * The check digit (検査数字) of a 5-digit municipality code: the digits weighted 6, 5, 4, 3, 2, the
 * sum's remainder modulo 11 subtracted from 11, last digit kept (so 10 → 0 and 11 → 1).
 * @category codes
 * @since 0.1.0
 * @example
 * ```ts
 * import { Tenant } from "@jiritsu/postgres"
 * Tenant.checkDigit("01206") // 8 — so 釧路市 is "012068"
 * ```
 */
export const checkDigit = (fiveDigits: string): number => {
  let sum = 0
  for (let i = 0; i < 5; i++) sum += Number(fiveDigits[i]) * (6 - i)
  return (11 - (sum % 11)) % 10
}

const codeProblem = (s: string): string | undefined => {
  if (!/^[0-9]{6}$/.test(s)) return `expected a 6-digit municipality code (地方公共団体コード), got ${JSON.stringify(s)}`
  const prefecture = Number(s.slice(0, 2))
  if (prefecture < 1 || prefecture > 47) return `prefecture ${s.slice(0, 2)} is not 01–47`
  const expected = checkDigit(s.slice(0, 5))
  return Number(s[5]) === expected ? undefined : `check digit of ${s} should be ${expected}`
}

/**
 * A municipality code (地方公共団体コード): 6 digits, prefecture 01–47, valid check digit
 * (e.g. `012068` 釧路市, `131091` 品川区, `141003` 横浜市).
 * @category codes
 * @since 0.1.0
 * @example
 * ```ts
 * import { Tenant } from "@jiritsu/postgres"
 * const kushiro: Tenant.MunicipalityCode = Tenant.unsafeCode("012068")
 * ```
 */
export const MunicipalityCode = Schema.String.check(Schema.makeFilter((s: string) => codeProblem(s) ?? true)).pipe(Schema.brand("MunicipalityCode"))
/** @category codes */
export type MunicipalityCode = typeof MunicipalityCode.Type

/**
 * A code that is not a valid municipality code, with the reason.
 * @category errors
 * @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "effect"
 * import { Tenant } from "@jiritsu/postgres"
 * const r = Tenant.parseCode("012069")
 * if (Result.isFailure(r)) {
 *   const e: Tenant.InvalidMunicipalityCode = r.failure
 *   console.log(e.message) // "check digit of 012069 should be 8"
 * }
 * ```
 */
export class InvalidMunicipalityCode extends Schema.TaggedError<InvalidMunicipalityCode>()("InvalidMunicipalityCode", {
  input: Schema.String,
  path: Schema.Array(Schema.Union([Schema.String, Schema.Number])),
  message: Schema.String,
  messageJa: Schema.String
}) {}

/**
 * Checks a code (total): the branded code, or why not.
 * @category codes
 * @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "effect"
 * import { Tenant } from "@jiritsu/postgres"
 * Result.isSuccess(Tenant.parseCode("131091")) // true (品川区)
 * Result.isFailure(Tenant.parseCode("999999")) // true: prefecture 99 is not 01–47
 * ```
 */
export const parseCode = (input: unknown): Result.Result<MunicipalityCode, InvalidMunicipalityCode> => {
  const text = typeof input === "string" ? input : String(input)
  const problem = typeof input === "string" ? codeProblem(input) : `expected a string, got ${typeof input}`
  return problem === undefined
    ? Result.succeed(input as MunicipalityCode)
    : Result.fail(new InvalidMunicipalityCode({ input: text, path: ["tenant"], message: problem, messageJa: `地方公共団体コード「${text}」が不正です` }))
}

/**
 * A code you know is valid (constants, configuration checked elsewhere); throws otherwise.
 * @category codes
 * @since 0.1.0
 * @example
 * ```ts
 * import { Tenant } from "@jiritsu/postgres"
 * const yokohama = Tenant.unsafeCode("141003") // throws InvalidMunicipalityCode on a bad code
 * ```
 */
export const unsafeCode = (input: string): MunicipalityCode => {
  const r = parseCode(input)
  if (Result.isFailure(r)) throw r.failure
  return r.success
}

/**
 * The tenant of the current caller (呼び出し元の自治体). Provide it per request from the
 * authenticated principal; stores read it, never their arguments.
 * @category context
 * @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { Tenant } from "@jiritsu/postgres"
 * const whoAmI = Effect.gen(function* () {
 *   const { code } = yield* Tenant.Tenant
 *   return code
 * })
 * ```
 */
export class Tenant extends Context.Service<Tenant, { readonly code: MunicipalityCode }>()("@jiritsu/postgres/Tenant") {}

/**
 * A layer providing one fixed tenant. @category context @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { Tenant } from "@jiritsu/postgres"
 * const code = Effect.runSync(Tenant.current.pipe(Effect.provide(Tenant.layer(Tenant.unsafeCode("012068"))))) // "012068"
 * ```
 */
export const layer = (code: MunicipalityCode): Layer.Layer<Tenant> => Layer.succeed(Tenant, { code })

/**
 * Runs an effect as a tenant. @category context @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { Tenant } from "@jiritsu/postgres"
 * const code = Effect.runSync(Tenant.current.pipe(Tenant.withTenant(Tenant.unsafeCode("131091")))) // "131091"
 * ```
 */
export const withTenant: {
  (code: MunicipalityCode): <A, E, R>(self: Effect.Effect<A, E, R>) => Effect.Effect<A, E, Exclude<R, Tenant>>
  <A, E, R>(self: Effect.Effect<A, E, R>, code: MunicipalityCode): Effect.Effect<A, E, Exclude<R, Tenant>>
} = dual(2, <A, E, R>(self: Effect.Effect<A, E, R>, code: MunicipalityCode) => Effect.provideService(self, Tenant, { code }))

/**
 * The current tenant's code. @category context @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { Tenant } from "@jiritsu/postgres"
 * const label = Tenant.current.pipe(Effect.map((code) => `tenant ${code}`))
 * ```
 */
export const current: Effect.Effect<MunicipalityCode, never, Tenant> = Effect.map(Tenant, (t) => t.code)
