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

export const useQuery = <A>(run: (call: Call) => Promise<A>, deps: ReadonlyArray<unknown>): QueryState<A> & { readonly retry: () => void } => {
  const { call, signOut } = useServices()
  const [state, setState] = useState<QueryState<A>>({ status: "loading" })
  const [attempt, setAttempt] = useState(0)
  useEffect(() => {
    let live = true
    setState({ status: "loading" })
    run(call).then(
      (value) => live && setState({ status: "ok", value }),
      (failure: Failure) => {
        if (!live) return
        if (failure.kind === "unauthenticated") signOut("expired")
        else setState({ status: "failed", failure })
      }
    )
    return () => {
      live = false
    }
  }, [call, attempt, ...deps])
  const retry = useCallback(() => setAttempt((n) => n + 1), [])
  return { ...state, retry }
}
