/**
 * The shell: skip link, header (title, language switch, who is signed in, sign out), page
 * navigation, and the current page — or the login prompt when there is no valid token.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from "preact/hooks"
import type { Principal } from "./Api.ts"
import { allows, makeCall, whoAmI } from "./Api.ts"
import type { Failure } from "./Failure.ts"
import { format, type Lang, type MessageKey } from "./i18n/Messages.ts"
import { organisationName, roleName } from "./i18n/Vocabulary.ts"
import { CasePage } from "./pages/CasePage.tsx"
import { FollowUpsPage } from "./pages/FollowUpsPage.tsx"
import { Login } from "./pages/Login.tsx"
import { NationalPage } from "./pages/NationalPage.tsx"
import { StagesPage } from "./pages/StagesPage.tsx"
import { TargetsPage } from "./pages/TargetsPage.tsx"
import { TimeInStagePage } from "./pages/TimeInStagePage.tsx"
import { ServicesContext, type Services } from "./Query.ts"
import { href, type Page, pages, type Route, useRoute } from "./Router.ts"
import { clearToken, readLang, readToken, saveLang, saveToken } from "./Session.ts"

const navKeys: { readonly [P in Page]: MessageKey } = {
  targets: "navTargets",
  stages: "navStages",
  "time-in-stage": "navTimeInStage",
  "follow-ups": "navFollowUps",
  national: "navNational",
  case: "navCase"
}

/** The operation each page needs: pages the principal may not open are not offered. */
const pageOperations = {
  targets: "targets.progress",
  stages: "caseload.stages",
  "time-in-stage": "caseload.timeInStage",
  "follow-ups": "caseload.followUps",
  national: "reports.national",
  case: "cases.get"
} as const satisfies { readonly [P in Page]: Parameters<typeof allows>[1] }

type Auth =
  | { readonly state: "checking"; readonly token: string; readonly origin: "stored" | "entered" }
  | { readonly state: "signed-out"; readonly notice?: "expired" | "wrong"; readonly failure?: Failure }
  | { readonly state: "signed-in"; readonly token: string; readonly principal: Principal; readonly origin: "stored" | "entered" }

export function App() {
  const [lang, setLang] = useState<Lang>(readLang)
  const [auth, setAuth] = useState<Auth>(() => {
    const token = readToken()
    return token === undefined ? { state: "signed-out" } : { state: "checking", token, origin: "stored" }
  })
  const route = useRoute()

  useEffect(() => saveLang(lang), [lang])

  // A stored or freshly entered token is checked once against the service before any page shows.
  useEffect(() => {
    if (auth.state !== "checking") return
    let live = true
    whoAmI(makeCall(auth.token)).then(
      (principal) => {
        if (!live) return
        saveToken(auth.token)
        setAuth({ state: "signed-in", token: auth.token, principal, origin: auth.origin })
      },
      (failure: Failure) => {
        if (!live) return
        clearToken()
        setAuth(failure.kind === "unauthenticated" ? { state: "signed-out", notice: auth.origin === "stored" ? "expired" : "wrong" } : { state: "signed-out", failure })
      }
    )
    return () => {
      live = false
    }
  }, [auth])

  const signOut = useCallback((reason?: "expired") => {
    clearToken()
    setAuth(reason === undefined ? { state: "signed-out" } : { state: "signed-out", notice: reason })
  }, [])

  const token = auth.state === "signed-in" ? auth.token : undefined
  const call = useMemo(() => (token === undefined ? undefined : makeCall(token)), [token])
  const principal = auth.state === "signed-in" ? auth.principal : undefined
  const services: Services | undefined = useMemo(
    () => (call === undefined || principal === undefined ? undefined : { lang, call, principal, signOut }),
    [lang, call, principal, signOut]
  )

  // Signing in through the form replaces the form: keyboard focus goes to the page that appears.
  const signedInByForm = auth.state === "signed-in" && auth.origin === "entered"
  useEffect(() => {
    if (signedInByForm) document.getElementById("main")?.focus()
  }, [signedInByForm])

  const switchLang = () => setLang((l) => (l === "ja" ? "en" : "ja"))

  return (
    <>
      <a class="skip-link" href="#main" onClick={focusMain}>
        {format(lang, "skipToContent")}
      </a>
      <header class="app-header">
        <div>
          <p class="app-title">{format(lang, "appTitle")}</p>
          <p class="app-subtitle">{format(lang, "appSubtitle")}</p>
        </div>
        <span class="spacer" />
        {auth.state === "signed-in" ? (
          <span class="who" data-testid="who">
            {format(lang, "signedInAs", { who: describePrincipal(auth.principal, lang) })}
          </span>
        ) : null}
        <button type="button" onClick={switchLang} lang={lang === "ja" ? "en" : "ja"} data-testid="lang-switch">
          {format(lang, "switchLanguage")}
        </button>
        {auth.state === "signed-in" ? (
          <button type="button" onClick={() => signOut()} data-testid="logout">
            {format(lang, "logout")}
          </button>
        ) : null}
      </header>
      {services !== undefined && auth.state === "signed-in" ? <Nav lang={lang} route={route} principal={auth.principal} /> : null}
      {/* data-hash: the route this render shows, so a caller that changed the hash can tell when the page has followed. */}
      <main id="main" tabIndex={-1} data-hash={route.hash}>
        {auth.state === "checking" ? (
          <p class="loading" role="status">
            {format(lang, "loginChecking")}
          </p>
        ) : services === undefined ? (
          <Login
            lang={lang}
            notice={auth.state === "signed-out" ? auth.notice : undefined}
            failure={auth.state === "signed-out" ? auth.failure : undefined}
            onSubmit={(t) => setAuth({ state: "checking", token: t, origin: "entered" })}
          />
        ) : (
          <ServicesContext.Provider value={services}>
            <PageView route={route} />
          </ServicesContext.Provider>
        )}
      </main>
    </>
  )
}

const focusMain = (e: Event) => {
  e.preventDefault()
  document.getElementById("main")?.focus()
}

const describePrincipal = (p: Principal, lang: Lang): string =>
  [p.name ?? p.id, p.organisation.name ?? organisationName(p.organisation.kind, lang), p.roles.map((r) => roleName(r, lang)).join("・")].join(" · ")

function Nav(props: { readonly lang: Lang; readonly route: Route; readonly principal: Principal }) {
  return (
    <nav class="app-nav" aria-label={format(props.lang, "mainNav")}>
      <ul>
        {pages.filter((page) => allows(props.principal, pageOperations[page])).map((page) => (
          <li key={page}>
            <a href={href(page === "case" ? { page } : ({ page } as Route))} aria-current={props.route.page === page ? "page" : undefined} data-testid={`nav-${page}`}>
              {format(props.lang, navKeys[page])}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  )
}

function PageView(props: { readonly route: Route }) {
  const { route } = props
  const heading = useRef<HTMLDivElement>(null)
  const first = useRef(true)
  // Moving to another page puts keyboard and screen-reader focus at its heading (not on the first
  // page shown: there the skip link comes first).
  useEffect(() => {
    if (first.current) {
      first.current = false
      return
    }
    const h1 = heading.current?.querySelector<HTMLElement>("h1")
    h1?.setAttribute("tabindex", "-1")
    h1?.focus({ preventScroll: false })
  }, [route.page, route.page === "case" ? route.id : undefined])
  return (
    <div ref={heading}>
      {route.page === "targets" ? (
        <TargetsPage />
      ) : route.page === "stages" ? (
        <StagesPage />
      ) : route.page === "time-in-stage" ? (
        <TimeInStagePage />
      ) : route.page === "follow-ups" ? (
        <FollowUpsPage />
      ) : route.page === "national" ? (
        <NationalPage />
      ) : (
        <CasePage id={route.id} />
      )}
    </div>
  )
}
