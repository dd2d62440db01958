/**
 * What went wrong with a call, in terms the screen can act on: sign in again, show the problem
 * document's message in the user's language, say the service is unreachable, or report an
 * unexpected answer — never a blank page or a stack trace.
 */
import type { Lang } from "./i18n/Messages.ts"
import { format } from "./i18n/Messages.ts"

export type Failure =
  /** 401: no, an unknown or an expired token — the shell shows the login prompt. */
  | { readonly kind: "unauthenticated"; readonly detail: string; readonly detailJa?: string }
  /** Any other problem document the API sent (`application/problem+json`). */
  | {
    readonly kind: "problem"
    readonly status?: number
    readonly code: string
    readonly detail: string
    readonly detailJa?: string
    readonly allowedRoles?: ReadonlyArray<string>
  }
  /** The request never got an answer. */
  | { readonly kind: "network" }
  /** An answer the client could not read (wrong shape, wrong status). */
  | { readonly kind: "unexpected"; readonly detail: string }

const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === "object" && u !== null

const optionalString = (u: unknown): string | undefined => (typeof u === "string" ? u : undefined)

/** Reads a failure from whatever the typed client failed with. */
export const fromError = (error: unknown): Failure => {
  if (isRecord(error) && typeof error["code"] === "string" && typeof error["detail"] === "string") {
    const detailJa = optionalString(error["detailJa"])
    const base = { detail: error["detail"], ...(detailJa === undefined ? {} : { detailJa }) }
    if (error["code"] === "unauthenticated") return { kind: "unauthenticated", ...base }
    const status = typeof error["status"] === "number" ? error["status"] : undefined
    const roles = Array.isArray(error["allowedRoles"]) ? (error["allowedRoles"] as ReadonlyArray<string>) : undefined
    return {
      kind: "problem",
      code: error["code"],
      ...base,
      ...(status === undefined ? {} : { status }),
      ...(roles === undefined ? {} : { allowedRoles: roles })
    }
  }
  if (isRecord(error) && error["_tag"] === "HttpClientError" && isRecord(error["reason"])) {
    const reason = error["reason"]
    if (reason["_tag"] === "TransportError") return { kind: "network" }
    const response = reason["response"]
    const status = isRecord(response) && typeof response["status"] === "number" ? response["status"] : undefined
    if (status === 401) return { kind: "unauthenticated", detail: "401" }
    return { kind: "unexpected", detail: status === undefined ? String(reason["_tag"]) : `HTTP ${status}` }
  }
  if (error instanceof TypeError) return { kind: "network" }
  return { kind: "unexpected", detail: isRecord(error) && typeof error["_tag"] === "string" ? error["_tag"] : String(error) }
}

/** The message to show, in the user's language. */
export const message = (failure: Failure, lang: Lang): string => {
  switch (failure.kind) {
    case "unauthenticated":
      return format(lang, "loginExpired")
    case "problem":
      return lang === "ja" && failure.detailJa !== undefined ? failure.detailJa : failure.detail
    case "network":
      return format(lang, "errorNetwork")
    case "unexpected":
      return format(lang, "errorUnexpected", { detail: failure.detail })
  }
}
