/**
 * Loading data for a page: one typed-client call per query, its state (loading / ok / failed) and
 * a retry. A 401 anywhere signs the user out with the "session expired" prompt.
 */
import { createContext } from "preact"
import { useCallback, useContext, useEffect, useState } from "preact/hooks"
import type { Call, Principal } from "./Api.ts"
import type { Failure } from "./Failure.ts"
import type { Lang } from "./i18n/Messages.ts"

export interface Services {
  readonly lang: Lang
  readonly call: Call
  readonly principal: Principal
  readonly signOut: (reason?: "expired") => void
}

export const ServicesContext = createContext<Services | undefined>(undefined)

export const useServices = (): Services => {
  const services = useContext(ServicesContext)
  if (services === undefined) throw new Error("ServicesContext is not provided")
  return services
}

export type QueryState<A> =
  | { readonly status: "loading" }
  | { readonly status: "ok"; readonly value: A }
  | { readonly status: "failed"; readonly failure: Failure }

/**
 * `deps` are the query's parameters (strings: ids, dates, the language). A state is kept with the
 * parameters it was loaded for, so the render that follows a change of parameters — before the
 * effect below has run — shows "loading", never the previous parameters' figures under the new
 * controls.
 */
export const useQuery = <A>(run: (call: Call) => Promise<A>, deps: ReadonlyArray<string>): QueryState<A> & { readonly retry: () => void } => {
  const { call, signOut } = useServices()
  const key = JSON.stringify(deps)
  const [loaded, setLoaded] = useState<{ readonly key: string; readonly state: QueryState<A> }>({ key, state: { status: "loading" } })
  const [attempt, setAttempt] = useState(0)
  useEffect(() => {
    let live = true
    setLoaded({ key, state: { status: "loading" } })
    run(call).then(
      (value) => live && setLoaded({ key, state: { status: "ok", value } }),
      (failure: Failure) => {
        if (!live) return
        if (failure.kind === "unauthenticated") signOut("expired")
        else setLoaded({ key, state: { status: "failed", failure } })
      }
    )
    return () => {
      live = false
    }
  }, [call, attempt, key])
  const retry = useCallback(() => setAttempt((n) => n + 1), [])
  const state: QueryState<A> = loaded.key === key ? loaded.state : { status: "loading" }
  return { ...state, retry }
}
