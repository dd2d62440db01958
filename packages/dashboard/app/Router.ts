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

export const parse = (hash: string): Route => {
  const path = decodeURIComponent(hash.replace(/^#\/?/, "")).split("?")[0]!
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

export const useRoute = (): Route => {
  const [route, setRoute] = useState(() => parse(window.location.hash))
  useEffect(() => {
    const onChange = () => setRoute(parse(window.location.hash))
    window.addEventListener("hashchange", onChange)
    return () => window.removeEventListener("hashchange", onChange)
  }, [])
  return route
}

export const go = (route: Route): void => {
  window.location.hash = href(route)
}
