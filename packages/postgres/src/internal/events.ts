// Checks on events to append and on stored rows, shared by the in-memory and SQL stores.
import type { SqlError } from "effect/sql/SqlError"

const STREAM = /^[^\s\u0000-\u001f\u007f]{1,200}$/
const TYPE = /^[A-Za-z][A-Za-z0-9_.:-]{0,99}$/
const MAX_EVENTS = 10_000

export interface Problem {
  readonly path: ReadonlyArray<string | number>
  readonly message: string
  readonly messageJa: string
}

export const isJsonObject = (u: unknown): u is Record<string, unknown> => typeof u === "object" && u !== null && !Array.isArray(u)

/** Why a value cannot be stored as JSON exactly (so what is read back equals what was written). */
const jsonProblem = (value: unknown, path: Array<string | number>, depth: number): { readonly path: ReadonlyArray<string | number>; readonly message: string } | undefined => {
  if (depth > 64) return { path, message: "nested deeper than 64 levels" }
  if (value === null || typeof value === "boolean") return undefined
  if (typeof value === "string") return /[\u0000]/.test(value) ? { path, message: "contains a NUL character, which PostgreSQL text cannot hold" } : loneSurrogate(value) ? { path, message: "contains a lone surrogate (not valid Unicode)" } : undefined
  if (typeof value === "number") return Number.isFinite(value) ? undefined : { path, message: `${value} is not a JSON number` }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const p = jsonProblem(value[i], [...path, i], depth + 1)
      if (p !== undefined) return p
    }
    return undefined
  }
  if (typeof value === "object") {
    const proto = Object.getPrototypeOf(value)
    if (proto !== Object.prototype && proto !== null) return { path, message: `a ${proto?.constructor?.name ?? "non-plain"} object is not JSON data` }
    for (const [k, v] of Object.entries(value)) {
      if (/[\u0000]/.test(k) || loneSurrogate(k)) return { path: [...path, k], message: "key is not storable text" }
      if (v === undefined) return { path: [...path, k], message: "undefined is not JSON (leave the key out)" }
      const p = jsonProblem(v, [...path, k], depth + 1)
      if (p !== undefined) return p
    }
    return undefined
  }
  return { path, message: `a ${typeof value} is not JSON data` }
}

const loneSurrogate = (s: string): boolean => /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s)

export const checkNewEvents = (stream: unknown, expected: unknown, events: unknown): Problem | undefined => {
  if (typeof stream !== "string" || !STREAM.test(stream)) {
    return { path: ["stream"], message: `stream id must be 1–200 printable characters without spaces, got ${JSON.stringify(stream)}`, messageJa: "ストリームIDが不正です" }
  }
  if (!(expected === "any" || (typeof expected === "number" && Number.isSafeInteger(expected) && expected >= 0))) {
    return { path: ["expected"], message: `expected version must be a non-negative integer or "any", got ${JSON.stringify(expected)}`, messageJa: "想定する版が不正です" }
  }
  if (!Array.isArray(events)) return { path: ["events"], message: "events must be an array", messageJa: "イベントは配列で指定してください" }
  if (events.length > MAX_EVENTS) return { path: ["events"], message: `at most ${MAX_EVENTS} events per append`, messageJa: `一度に追記できるのは ${MAX_EVENTS} 件までです` }
  for (let i = 0; i < events.length; i++) {
    const e = events[i] as Record<string, unknown>
    if (!isJsonObject(e)) return { path: ["events", i], message: "an event must be an object { type, data, metadata? }", messageJa: `${i}件目のイベントが不正です` }
    const unknownKey = Object.keys(e).find((k) => k !== "type" && k !== "data" && k !== "metadata" && k !== "schemaVersion")
    if (unknownKey !== undefined) return { path: ["events", i, unknownKey], message: `unknown key ${JSON.stringify(unknownKey)} (allowed: type, data, metadata, schemaVersion)`, messageJa: `${i}件目のイベントに不明な項目「${unknownKey}」があります` }
    if (typeof e["type"] !== "string" || !TYPE.test(e["type"])) {
      return { path: ["events", i, "type"], message: `event type must match ${TYPE.source}, got ${JSON.stringify(e["type"])}`, messageJa: `${i}件目のイベント種別が不正です` }
    }
    if (!isJsonObject(e["data"])) return { path: ["events", i, "data"], message: "data must be a JSON object", messageJa: `${i}件目のデータはオブジェクトで指定してください` }
    const sv = e["schemaVersion"]
    if (sv !== undefined && !(typeof sv === "number" && Number.isSafeInteger(sv) && sv >= 1)) {
      return { path: ["events", i, "schemaVersion"], message: "schemaVersion must be an integer ≥ 1", messageJa: `${i}件目のスキーマ版が不正です` }
    }
    for (const field of ["data", "metadata"] as const) {
      if (e[field] === undefined) continue
      if (!isJsonObject(e[field])) return { path: ["events", i, field], message: `${field} must be a JSON object`, messageJa: `${i}件目の${field}はオブジェクトで指定してください` }
      const p = jsonProblem(e[field], ["events", i, field], 0)
      if (p !== undefined) return { path: p.path, message: p.message, messageJa: `${i}件目のイベントに保存できない値があります（${p.path.join(".")}）` }
    }
  }
  return undefined
}

/** jsonb arrives parsed; a text column or a driver quirk may hand back a string. */
export const parseJsonColumn = (value: unknown): unknown => {
  if (typeof value !== "string") return value
  try {
    return JSON.parse(value)
  } catch {
    return undefined
  }
}

export const describeSqlError = (error: SqlError): string => {
  const reason = error.reason as { readonly _tag: string; readonly message?: string; readonly cause?: unknown }
  const cause = reason.cause as { readonly message?: unknown } | undefined
  const causeMessage = cause !== undefined && typeof cause === "object" && "message" in cause ? String(cause.message) : ""
  return [reason._tag, reason.message, causeMessage].filter((s) => s !== undefined && s !== "").join(": ")
}
