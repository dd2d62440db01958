/**
 * The signed-in session: the bearer token (kept for this browser tab only) and the language
 * (remembered across visits). Both live in small signals the shell re-renders from.
 */
import type { Lang } from "./i18n/Messages.ts"

const TOKEN_KEY = "jiritsu.dashboard.token"
const LANG_KEY = "jiritsu.dashboard.lang"

const storage = (kind: "local" | "session"): Storage | undefined => {
  try {
    return kind === "local" ? window.localStorage : window.sessionStorage
  } catch {
    return undefined
  }
}

export const readToken = (): string | undefined => storage("session")?.getItem(TOKEN_KEY) ?? undefined

export const saveToken = (token: string): void => storage("session")?.setItem(TOKEN_KEY, token)

export const clearToken = (): void => storage("session")?.removeItem(TOKEN_KEY)

/** Japanese unless the user chose English before (or the URL says `?lang=en`). */
export const readLang = (): Lang => {
  const fromUrl = new URLSearchParams(window.location.search).get("lang")
  if (fromUrl === "en" || fromUrl === "ja") return fromUrl
  return storage("local")?.getItem(LANG_KEY) === "en" ? "en" : "ja"
}

export const saveLang = (lang: Lang): void => {
  storage("local")?.setItem(LANG_KEY, lang)
  document.documentElement.lang = lang
}
