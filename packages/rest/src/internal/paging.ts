// Opaque cursors for offset-paged lists held in memory (programmes, plans) and for keyset pages
// of the stores (which put their own key in). A cursor that does not decode is a 400 naming
// `query.cursor`.
import { Effect } from "effect"
import * as Problem from "../Problem.ts"

export const DEFAULT_LIMIT = 50

export const encodeCursor = (key: string): string => Buffer.from(key, "utf8").toString("base64url")

export const decodeCursor = (cursor: string | undefined, prefix: string): Effect.Effect<string | undefined, Problem.BadRequest> => {
  if (cursor === undefined) return Effect.succeed(undefined)
  const text = Buffer.from(cursor, "base64url").toString("utf8")
  return text.startsWith(`${prefix}:`) && encodeCursor(text) === cursor
    ? Effect.succeed(text.slice(prefix.length + 1))
    : Effect.fail(Problem.badRequest([{ path: ["query", "cursor"], message: "not a cursor of this list (use nextCursor of the previous page)" }]))
}

/** One page of an in-memory list. */
export const pageOf = <A>(items: ReadonlyArray<A>, query: { readonly limit?: number | undefined; readonly cursor?: string | undefined }) =>
  Effect.flatMap(decodeCursor(query.cursor, "o"), (start) => {
    if (start !== undefined && !/^\d{1,9}$/.test(start)) return Effect.fail(Problem.badRequest([{ path: ["query", "cursor"], message: "not a cursor of this list" }]))
    const offset = start === undefined ? 0 : Number(start)
    const limit = query.limit ?? DEFAULT_LIMIT
    const slice = items.slice(offset, offset + limit)
    const next = offset + limit < items.length ? encodeCursor(`o:${offset + limit}`) : undefined
    return Effect.succeed(next === undefined ? { items: slice } : { items: slice, nextCursor: next })
  })
