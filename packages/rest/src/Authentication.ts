/**
 * Authentication (認証) — how a bearer token becomes a {@link Principal.Principal}.
 *
 * The service never decides this itself: it asks the `Middleware.Authentication` layer, which an
 * embedder replaces with its own (an OIDC introspection, a session store, …) through {@link layer}.
 * The reference server uses {@link layerFromTokens} over a token file (`jiritsu.tokens/1`, strict:
 * an unknown key is an error naming the line and column) read at start.
 *
 * Tokens are compared by their SHA-256 digest, so the lookup time does not depend on how much of a
 * token matches; an unknown token and a missing one get the same `401`.
 *
 * @since 0.1.0
 * @module
 */
import { Effect, Layer, Redacted, Result, Schema, SchemaIssue } from "effect"
import { createHash } from "node:crypto"
import { readFileSync } from "node:fs"
import { positionOf, positions } from "./internal/jsonPositions.ts"
import { Authentication } from "./Middleware.ts"
import { CurrentPrincipal, Principal } from "./Principal.ts"
import * as Problem from "./Problem.ts"

const unauthorized = (detail: string): Problem.Unauthorized =>
  new Problem.Unauthorized({ code: "unauthenticated", detail, detailJa: "認証が必要です（有効なトークンを指定してください）" })

/**
 * Verifies a bearer token: the principal it stands for, or `undefined` when it is unknown — as an
 * Effect, a Promise or a plain value (for callers who do not use Effect).
 * @category layers
 * @since 0.1.0
 * @example
 * ```ts
 * // a fixed admin token from the environment, everyone else unknown
 * const admin: Principal.Principal = { id: "admin-01", organisation: { kind: "municipality", id: "shinagawa-welfare-office" }, tenant: Tenant.unsafeCode("131091"), roles: ["admin"] }
 * const verify: Authentication.Verify = (token) => (token === process.env.ADMIN_TOKEN ? admin : undefined)
 * ```
 */
export type Verify = (token: string) => Effect.Effect<Principal | undefined, unknown> | Promise<Principal | undefined> | Principal | undefined

const asEffect = (result: ReturnType<Verify>): Effect.Effect<Principal | undefined, unknown> =>
  Effect.isEffect(result) ? result : result instanceof Promise ? Effect.tryPromise(() => result) : Effect.succeed(result)

/**
 * The authentication layer from an effect that builds a verifier (and may use services, e.g. an
 * HTTP client to your identity provider). A verifier that fails counts as an unknown token.
 * @category layers
 * @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * // build the verifier once, at start (here from the demo tokens; e.g. fetch your IdP's keys instead)
 * const auth = Authentication.layerEffect(Effect.sync(() => {
 *   const byToken = new Map(Demo.tokens.map((t) => [t.token, t.principal]))
 *   return (token: string) => byToken.get(token)
 * }))
 * ```
 */
export const layerEffect = <E, R>(make: Effect.Effect<Verify, E, R>): Layer.Layer<Authentication, E, R> =>
  Layer.effect(
    Authentication,
    Effect.map(make, (verify) =>
      Authentication.of({
        bearer: (httpEffect, { credential }) =>
          Effect.gen(function*() {
            const token = Redacted.value(credential)
            if (token.length === 0) return yield* Effect.fail(unauthorized("missing bearer token (Authorization: Bearer <token>)"))
            const principal = yield* Effect.suspend(() => asEffect(verify(token))).pipe(Effect.catchCause(() => Effect.succeed(undefined)))
            if (principal === undefined) return yield* Effect.fail(unauthorized("unknown or expired bearer token"))
            return yield* Effect.provideService(httpEffect, CurrentPrincipal, principal)
          })
      })
    )
  )

/**
 * The authentication layer from a verifier. Replace the reference token file with your identity
 * provider this way.
 * @category layers
 * @since 0.1.0
 * @example
 * ```ts
 * import { Schema } from "effect"
 * // token introspection at your identity provider; an error or a bad answer counts as an unknown token
 * const auth = Authentication.layer(async (token) => {
 *   const response = await fetch("https://idp.example.jp/introspect", { method: "POST", body: new URLSearchParams({ token }) })
 *   return response.ok ? Schema.decodeUnknownSync(Principal.Principal)(await response.json()) : undefined
 * })
 * ```
 */
export const layer = (verify: Verify): Layer.Layer<Authentication> => layerEffect(Effect.succeed(verify))

const digest = (token: string): string => createHash("sha256").update(token, "utf8").digest("hex")

/**
 * A token and the principal it stands for. @category tokens @since 0.1.0
 * @example
 * ```ts
 * const entry: Authentication.TokenEntry = {
 *   token: "a-long-random-token-0001",
 *   label: "supervisor (査察指導員)",
 *   principal: { id: "sv-01", organisation: { kind: "municipality", id: "shinagawa-welfare-office" }, tenant: Tenant.unsafeCode("131091"), roles: ["supervisor"] }
 * }
 * ```
 */
export const TokenEntry = Schema.Struct({
  token: Schema.String.check(Schema.isMinLength(16), Schema.isPattern(/^[\x21-\x7e]+$/)),
  principal: Principal,
  /** Shown at start so a newcomer knows which token to try. */
  label: Schema.optionalKey(Schema.String)
})
/** @category tokens */
export type TokenEntry = typeof TokenEntry.Type

/**
 * The token file format (`jiritsu.tokens/1`). @category tokens @since 0.1.0
 * @example
 * ```ts
 * import { writeFileSync } from "node:fs"
 * const file: Authentication.TokenFile = { format: "jiritsu.tokens/1", tokens: Demo.tokens }
 * writeFileSync("tokens.json", JSON.stringify(file, null, 2)) // jiritsu serve --tokens tokens.json
 * ```
 */
export const TokenFile = Schema.Struct({
  format: Schema.Literal("jiritsu.tokens/1"),
  tokens: Schema.Array(TokenEntry)
})
/** @category tokens */
export type TokenFile = typeof TokenFile.Type

/**
 * The authentication layer over a fixed list of tokens. Duplicate tokens are a defect of the
 * configuration and fail at start.
 * @category layers
 * @since 0.1.0
 * @example
 * ```ts
 * const service = await Server.start({
 *   port: 0,
 *   sites: Demo.sites,
 *   store: PostgresStore.layerFrom({ dataDir: "memory://" }),
 *   authentication: Authentication.layerFromTokens(Demo.tokens)
 * })
 * ```
 */
export const layerFromTokens = (entries: ReadonlyArray<TokenEntry>): Layer.Layer<Authentication> => {
  const byDigest = new Map<string, Principal>()
  for (const entry of entries) byDigest.set(digest(entry.token), entry.principal)
  return layer((token) => Effect.succeed(byDigest.get(digest(token))))
}

/**
 * A token file that could not be read or decoded: each problem with its line and column. @category errors @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "effect"
 * const r = Authentication.parseTokenFile('{ "format": "jiritsu.tokens/1", "tokens": [], "extra": 1 }', "tokens.json")
 * if (Result.isFailure(r)) console.error(r.failure.message) // "tokens.json:1:47: extra: Expected no excess property" (one line per problem)
 * ```
 */
export class TokenFileError extends Schema.TaggedError<TokenFileError>()("TokenFileError", {
  file: Schema.String,
  issues: Schema.Array(Schema.Struct({ path: Schema.String, line: Schema.Int, column: Schema.Int, message: Schema.String }))
}) {
  override get message(): string {
    return this.issues.map((i) => `${this.file}:${i.line}:${i.column}: ${i.path === "" ? "" : `${i.path}: `}${i.message}`).join("\n")
  }
}

const formatter = SchemaIssue.makeFormatterStandardSchemaV1()
const decodeFile = Schema.decodeUnknownResult(TokenFile, { onExcessProperty: "error", errors: "all" })

/**
 * Parses a token file's text. JSON syntax errors and schema problems are reported with the file,
 * line and column; unknown keys are errors.
 * @category tokens
 * @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "effect"
 * const r = Authentication.parseTokenFile(JSON.stringify({ format: "jiritsu.tokens/1", tokens: Demo.tokens }), "tokens.json")
 * if (Result.isSuccess(r)) console.log(r.success.tokens.length) // 7
 * ```
 */
export const parseTokenFile = (text: string, file: string): Result.Result<TokenFile, TokenFileError> => {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e)
    const position = /position (\d+)/.exec(message)
    const offset = position === null ? 0 : Number(position[1])
    const before = text.slice(0, offset)
    return Result.fail(new TokenFileError({ file, issues: [{ path: "", line: before.split("\n").length, column: offset - before.lastIndexOf("\n"), message: `invalid JSON: ${message}` }] }))
  }
  const decoded = decodeFile(json)
  const map = positions(text)
  if (Result.isFailure(decoded)) {
    const issues = formatter(decoded.failure.issue).issues.map((issue) => {
      const path = (issue.path ?? []).map((p) => (typeof p === "object" && p !== null && "key" in p ? (p as { key: PropertyKey }).key : p)) as ReadonlyArray<PropertyKey>
      const where = positionOf(map, path.map((p) => (typeof p === "number" ? p : String(p))))
      return { path: Problem.formatPath(path.map((p) => (typeof p === "number" ? p : String(p)))), ...where, message: issue.message }
    })
    return Result.fail(new TokenFileError({ file, issues }))
  }
  const seen = new Map<string, number>()
  const duplicates: Array<{ path: string; line: number; column: number; message: string }> = []
  decoded.success.tokens.forEach((entry, i) => {
    const first = seen.get(entry.token)
    if (first !== undefined) duplicates.push({ path: `tokens[${i}].token`, ...positionOf(map, ["tokens", i, "token"]), message: `the same token as tokens[${first}]` })
    else seen.set(entry.token, i)
  })
  return duplicates.length > 0 ? Result.fail(new TokenFileError({ file, issues: duplicates })) : Result.succeed(decoded.success)
}

/**
 * Reads and parses a token file. @category tokens @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * const auth = Effect.map(Authentication.readTokenFile("tokens.json"), (file) => Authentication.layerFromTokens(file.tokens))
 * ```
 */
export const readTokenFile = (file: string): Effect.Effect<TokenFile, TokenFileError> =>
  Effect.suspend(() => {
    let text: string
    try {
      text = readFileSync(file, "utf8")
    } catch (e) {
      return Effect.fail(new TokenFileError({ file, issues: [{ path: "", line: 0, column: 0, message: e instanceof Error ? e.message : String(e) }] }))
    }
    return Effect.fromResult(parseTokenFile(text, file))
  })
