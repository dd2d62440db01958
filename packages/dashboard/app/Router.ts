/**
 * Hash routes (`#/targets`, `#/cases/c-0001`): the static site needs no server-side routing, links
 * are real links (keyboard, middle-click, history) and a reload keeps the page.
 */
import { useEffect, useState } from "preact/hooks"

export type Route =
  | { readonly page: "targets" }
  | { readonly page: "stages" }
  | { readonly page: "time-in-stage" }
  | { readonly page: "follow-ups" }
  | { readonly page: "national" }
  | { readonly page: "case"; readonly id?: string }

export type Page = Route["page"]

export const pages: ReadonlyArray<Page> = ["targets", "stages", "time-in-stage", "follow-ups", "national", "case"]

/** Query parameters after the hash path (`#/targets?asOf=2025-10-31`), so a view can be linked. */
export const hashParams = (hash: string = window.location.hash): URLSearchParams => new URLSearchParams(hash.split("?")[1] ?? "")

export const parse = (hash: string): Route => {
  const path = decodeURIComponent(hash.replace(/^#\/?/, "").split("?")[0]!)
  const [head, ...rest] = path.split("/").filter((s) => s !== "")
  switch (head) {
    case "stages":
    case "time-in-stage":
    case "follow-ups":
    case "national":
      return { page: head }
    case "cases":
    case "case":
      return rest[0] === undefined ? { page: "case" } : { page: "case", id: rest.join("/") }
    default:
      return { page: "targets" }
  }
}

export const href = (route: Route): string =>
  route.page === "case" ? (route.id === undefined ? "#/cases" : `#/cases/${encodeURIComponent(route.id)}`) : `#/${route.page}`

/** The current route, its query string, and the hash both were read from. */
export const useRoute = (): Route & { readonly query: string; readonly hash: string } => {
  const read = () => {
    const hash = window.location.hash
    return { ...parse(hash), query: hash.split("?")[1] ?? "", hash }
  }
  const [route, setRoute] = useState(read)
  useEffect(() => {
    const onChange = () => setRoute(read())
    window.addEventListener("hashchange", onChange)
    return () => window.removeEventListener("hashchange", onChange)
  }, [])
  return route
}

export const go = (route: Route, params?: Readonly<Record<string, string>>): void => {
  const query = params === undefined ? "" : new URLSearchParams(params).toString()
  window.location.hash = query === "" ? href(route) : `${href(route)}?${query}`
}

/** Replaces the view's query parameters (the controls of a page) without a new history entry. */
export const setParams = (params: Readonly<Record<string, string>>): void => {
  const path = window.location.hash.split("?")[0] || "#/"
  history.replaceState(null, "", `${path}?${new URLSearchParams(params).toString()}`)
  window.dispatchEvent(new HashChangeEvent("hashchange"))
}
