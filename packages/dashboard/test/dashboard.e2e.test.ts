// The dashboard end to end: the real reference service (PGlite, demo data) on a real port, Debian's
// headless Chromium driven by playwright-core. Every demo token logs in through the login prompt;
// the figures on screen are compared with the API's answers; a Hello Work login never sees a
// withheld category's data; axe-core checks every page; screenshots are kept as test artefacts
// and regenerate the guide's pictures. How fast the first view appears is measured by the
// benchmark (`pnpm bench dashboard` → bench/results/dashboard.json), not by a test.
import { Access, Caseload, type Principal } from "@jiritsu/rest/api"
import { Period, Target } from "@jiritsu/core"
import { mkdirSync } from "node:fs"
import { join } from "node:path"
import type { Browser, BrowserContext, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as F from "../app/i18n/Format.ts"
import { messages } from "../app/i18n/Messages.ts"
import { Site } from "../src/index.ts"
import { axe, describeViolations, findBrowser, launch, missingBrowserMessage } from "./e2e/browser.ts"
import { type Client, clientFor, run } from "./e2e/client.ts"
import { type DemoService, demoTokens, startDemoService } from "./e2e/service.ts"

// The page's globals as the callbacks run inside the browser see them (this file is compiled for Node).
declare const window: {
  readonly sessionStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void }
  readonly location: { hash: string }
}
declare const document: { readonly documentElement: { readonly lang: string }; readonly activeElement: { readonly className: string; readonly id: string; readonly tagName: string } | null }

const executablePath = findBrowser()
const required = process.env["JIRITSU_REQUIRE_BROWSER"] === "1"
if (executablePath === undefined) console.warn(`\n${missingBrowserMessage}\n`)

const packageRoot = join(import.meta.dirname, "..")
const artefacts = join(packageRoot, "test-artifacts")
const docsImages = join(packageRoot, "..", "..", "docs", "guides", "images")
const viewport = { width: 1280, height: 900 }

type PageName = "targets" | "stages" | "time-in-stage" | "follow-ups" | "national" | "case"
const operationOf: { readonly [P in PageName]: Access.Operation } = {
  targets: "targets.progress",
  stages: "caseload.stages",
  "time-in-stage": "caseload.timeInStage",
  "follow-ups": "caseload.followUps",
  national: "reports.national",
  case: "cases.get"
}

let service: DemoService
let browser: Browser

const text = async (page: Page, selector: string): Promise<string> => ((await page.textContent(selector)) ?? "").trim()

const newContext = (lang: "ja" | "en" = "ja"): Promise<BrowserContext> => browser.newContext({ viewport, locale: lang === "ja" ? "ja-JP" : "en-GB", timezoneId: "Asia/Tokyo" })

/** Signs in through the login prompt, as a person would. */
const signIn = async (page: Page, token: string, hash = ""): Promise<void> => {
  await page.goto(`${service.url}/${hash}`)
  await page.waitForSelector("[data-testid=login]")
  await page.fill("#token", token)
  await page.click("[data-testid=login-submit]")
  await page.waitForSelector("[data-testid=who]")
}

const open = async (page: Page, hash: string, ready: string): Promise<void> => {
  await page.evaluate((h) => {
    window.location.hash = h
  }, hash)
  // The old page's table may still be there until the hash change is rendered: wait for the
  // main element to show this hash, then for its content.
  const shown = `main[data-hash="${hash}"]`
  await page.waitForSelector(`${shown} ${ready}, ${shown} [data-testid=error]`)
}

const expectAccessible = async (page: Page, what: string): Promise<void> => {
  const violations = await axe(page)
  expect(violations, `axe on ${what}:\n${describeViolations(violations)}`).toEqual([])
}

const shoot = async (page: Page, name: string): Promise<void> => {
  mkdirSync(artefacts, { recursive: true })
  await page.screenshot({ path: join(artefacts, `${name}.png`) })
}

// The service starts for every run (its HTTP checks need no browser); the browser only when present.
beforeAll(async () => {
  await Site.ensure()
  service = await startDemoService()
  if (executablePath !== undefined) browser = await launch(executablePath)
})

afterAll(async () => {
  await browser?.close()
  await service?.close()
})

describe("the service serves the dashboard at /", () => {
  it("index.html at /, its assets, the API beside it, and a problem document for a file that is not there", async () => {
    const home = await fetch(`${service.url}/`)
    expect(home.status).toBe(200)
    expect(home.headers.get("content-type")).toMatch(/^text\/html/)
    const html = await home.text()
    expect(html).toContain('<div id="app">')
    for (const asset of [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+)"/g)].map((m) => m[1]!)) {
      const r = await fetch(`${service.url}/${asset}`)
      expect(r.status, asset).toBe(200)
      expect(r.headers.get("content-type"), asset).toMatch(/^(text\/javascript|text\/css)/)
    }
    expect((await fetch(`${service.url}/v1/health`)).status).toBe(200)
    expect((await fetch(`${service.url}/docs`)).status).toBe(200)
    const missing = await fetch(`${service.url}/assets/no-such-file.js`)
    expect(missing.status).toBe(404)
    expect(missing.headers.get("content-type")).toMatch(/^application\/problem\+json/)
    expect(((await missing.json()) as { code: string }).code).toBe("not_found")
  })

  it("never serves a file outside the site's directory", async () => {
    for (const path of ["/../package.json", "/..%2Fpackage.json", "/%2e%2e/%2e%2e/package.json", "/assets/../../vite.config.ts"]) {
      const r = await fetch(`${service.url}${path}`)
      const body = await r.text()
      expect(body, path).not.toContain('"name": "@jiritsu/dashboard"')
      expect(body, path).not.toContain("defineConfig")
    }
  })
})

describe("the caseload reports over HTTP", () => {
  it("equal the Caseload computation over every case's events read through the API", async () => {
    const supervisor = service.tokens.find((t) => t.principal.roles.includes("supervisor"))!
    const api = clientFor(service.url, supervisor.token)
    const streams: Array<Caseload.CaseStream> = []
    let cursor: string | undefined
    do {
      const page = await run(api.cases.list({ query: cursor === undefined ? { limit: 200 } : { limit: 200, cursor } }))
      // Eight reads at a time: the same reads, in a fraction of the wall time.
      for (let i = 0; i < page.items.length; i += 8) {
        await Promise.all(
          page.items.slice(i, i + 8).map(async (c) => {
            const events = await run(api.cases.events({ params: { id: c.id }, query: { limit: 200 } }))
            expect(events.nextCursor, c.id).toBeUndefined()
            streams.push({ caseId: c.id, events: events.items.map((e) => e.event) })
          })
        )
      }
      cursor = page.nextCursor
    } while (cursor !== undefined)
    streams.sort((a, b) => (a.caseId < b.caseId ? -1 : 1))
    expect(streams.length).toBeGreaterThan(50)
    const asOf = service.asOf
    const from = Period.fiscalYearWindow(Period.fiscalYearOf(asOf)).from
    expect(await run(api.caseload.stages({ query: { asOf, from } }))).toEqual(Caseload.stageReport(streams, asOf, from))
    expect(await run(api.caseload.timeInStage({ query: { asOf } }))).toEqual(Caseload.timeInStageReport(streams, asOf))
    expect(await run(api.caseload.followUps({ query: { asOf } }))).toEqual(Caseload.followUpReport(streams, asOf))
  })

  it("a period that starts after its end date is a 400 naming query.from, in both languages", async () => {
    const supervisor = service.tokens.find((t) => t.principal.roles.includes("supervisor"))!
    const r = await fetch(`${service.url}/v1/reports/stages?asOf=2026-04-01&from=2026-05-01`, { headers: { authorization: `Bearer ${supervisor.token}` } })
    expect(r.status).toBe(400)
    const problem = (await r.json()) as { code: string; field: string; detail: string; detailJa: string }
    expect(problem).toMatchObject({ code: "invalid_request", field: "query.from" })
    expect(problem.detail).toContain("from")
    expect(problem.detailJa).toContain("開始日")
  })
})

describe.skipIf(executablePath === undefined && !required)("dashboard in headless Chromium", () => {
  beforeAll(() => {
    if (executablePath === undefined) throw new Error(missingBrowserMessage)
  })

  it("shows the login prompt first, refuses a wrong token with a message, and is accessible", async () => {
    const context = await newContext()
    const page = await context.newPage()
    await page.goto(`${service.url}/`)
    await page.waitForSelector("[data-testid=login]")
    expect(await page.getAttribute("html", "lang")).toBe("ja")
    await expectAccessible(page, "login")
    await shoot(page, "login")
    await page.click("[data-testid=login-submit]")
    expect(await text(page, "[data-testid=login-problem]")).toBe(messages.ja.loginEmpty)
    await page.fill("#token", "not-a-token-of-this-service")
    await page.click("[data-testid=login-submit]")
    await page.waitForSelector("[data-testid=login-problem]")
    expect(await text(page, "[data-testid=login-problem]")).toBe(messages.ja.loginWrong)
    await shoot(page, "login-wrong-token")
    await context.close()
  })

  it("an expired or revoked token in the session brings back the login prompt, not a blank page", async () => {
    const context = await newContext()
    await context.addInitScript(() => window.sessionStorage.setItem("jiritsu.dashboard.token", "expired-token-0000000000"))
    const page = await context.newPage()
    await page.goto(`${service.url}/#/targets`)
    await page.waitForSelector("[data-testid=login-problem]")
    expect(await text(page, "[data-testid=login-problem]")).toBe(messages.ja.loginExpired)
    expect(await page.evaluate(() => window.sessionStorage.getItem("jiritsu.dashboard.token"))).toBeNull()
    await context.close()
  })

  // One signed-in session per demo token, through every page: the figures where its roles allow
  // the page, the service's "not allowed" message where they do not (reached by URL).
  const axeDone = new Set<PageName>()
  for (const demo of demoTokens) {
    it(`${demo.label}: signs in, is offered exactly its pages, and each shows the API's figures (or says it is not allowed)`, async () => {
      const context = await newContext()
      try {
        const page = await context.newPage()
        await signIn(page, demo.token)
        expect(await text(page, "[data-testid=who]")).toContain(demo.principal.name ?? demo.principal.id)
        for (const [name, operation] of Object.entries(operationOf) as ReadonlyArray<[PageName, Access.Operation]>) {
          const offered = (await page.$(`[data-testid=nav-${name}]`)) !== null
          expect(offered, `${demo.label}: nav ${name}`).toBe(Access.allows(demo.principal, operation))
        }
        const api = clientFor(service.url, demo.token)
        for (const name of ["targets", "stages", "time-in-stage", "follow-ups", "national"] as const) {
          const check = checks[name]
          await open(page, check.hash(service), check.ready)
          if (Access.allows(demo.principal, operationOf[name])) {
            await check.figures(page, api, service)
            if (!axeDone.has(name)) {
              await expectAccessible(page, `${name} as ${demo.label}`)
              axeDone.add(name)
            }
          } else {
            expect(await page.getAttribute("[data-testid=error]", "data-code"), `${demo.label} on ${name}`).toBe("forbidden")
            expect(await text(page, "[data-testid=error] p")).not.toBe("")
          }
          await shoot(page, `${name}-${demo.label}`)
        }
      } finally {
        await context.close()
      }
    })
  }

  it("every page passed axe with a token allowed to open it", () => {
    expect([...axeDone].sort()).toEqual(["follow-ups", "national", "stages", "targets", "time-in-stage"])
  })

  it("a case page: timeline with actor and reason; a Hello Work login sees withheld categories as withheld and never their data", async () => {
    const controller = service.tokens.find((t) => t.principal.organisation.kind === "municipality" && Access.allows(t.principal, "persons.get"))!
    const helloWork = service.tokens.find((t) => t.principal.organisation.kind === "hello_work")!
    const { caseId, subjectId } = service.caseWithWithheldData
    const full = await run(clientFor(service.url, controller.token).persons.get({ params: { id: subjectId }, query: {} }))
    const filtered = await run(clientFor(service.url, helloWork.token).persons.get({ params: { id: subjectId }, query: {} }))
    expect(filtered.withheld.length).toBeGreaterThan(0)

    for (const [who, demo, view] of [["controller", controller, full], ["hello-work", helloWork, filtered]] as const) {
      const context = await newContext()
      const page = await context.newPage()
      await signIn(page, demo.token)
      await open(page, `#/cases/${encodeURIComponent(caseId)}`, "[data-testid=person-data] table")
      const events = await run(clientFor(service.url, demo.token).cases.events({ params: { id: caseId }, query: { limit: 200 } }))
      expect(await page.$$eval("[data-testid=case-timeline] tbody tr", (rows) => rows.length)).toBe(events.items.length)
      const rows = await page.$$eval("[data-testid=person-data] tbody tr", (trs) => trs.map((tr) => ({ category: tr.getAttribute("data-category"), withheld: tr.getAttribute("data-withheld") })))
      expect(rows.filter((r) => r.withheld === "true").map((r) => r.category).sort()).toEqual([...view.withheld].sort())
      expect(rows.filter((r) => r.withheld === "false").map((r) => r.category).sort()).toEqual(Object.keys(view.data).sort())
      if (who === "hello-work") {
        const body = (await page.textContent("body")) ?? ""
        for (const category of filtered.withheld) {
          for (const value of Object.values(full.data[category] ?? {})) {
            const shown = typeof value === "string" ? value : JSON.stringify(value)
            if (shown.length >= 3) expect(body, `withheld ${category} value leaked`).not.toContain(shown)
          }
        }
        expect(await text(page, `[data-testid=person-data] tr[data-category="${filtered.withheld[0]}"] td`)).toBe(messages.ja.withheld)
      }
      await expectAccessible(page, `case page as ${who}`)
      await shoot(page, `case-${who}`)
      await context.close()
    }
  })

  it("an API error shows the problem document's message in the user's language", async () => {
    const demo = service.tokens.find((t) => Access.allows(t.principal, "cases.get") && t.principal.organisation.kind === "municipality")!
    let problem: { detail: string; detailJa?: string } | undefined
    await run(clientFor(service.url, demo.token).cases.get({ params: { id: "no-such-case" } })).catch((e: { detail: string; detailJa?: string }) => {
      problem = e
    })
    expect(problem?.detail).toBeTruthy()
    const context = await newContext()
    const page = await context.newPage()
    await signIn(page, demo.token)
    await open(page, "#/cases/no-such-case", "[data-testid=error]")
    expect(await text(page, "[data-testid=error] p")).toBe(problem!.detailJa ?? problem!.detail)
    await page.click("[data-testid=lang-switch]")
    await page.waitForFunction(() => document.documentElement.lang === "en")
    await page.waitForSelector("[data-testid=error]")
    expect(await text(page, "[data-testid=error] p")).toBe(problem!.detail)
    await context.close()
  })

  it("works from the keyboard alone: skip link, navigation, focus on each page's heading", async () => {
    const demo = service.tokens.find((t) => Access.allows(t.principal, "caseload.stages"))!
    const context = await newContext()
    const page = await context.newPage()
    await signIn(page, demo.token)
    // Signing in moves focus to the content that replaced the form (in an effect after the render
    // that shows who is signed in: wait for it, within a bound, rather than race it).
    await page.waitForFunction(() => document.activeElement?.id === "main", undefined, { timeout: 5_000 }).catch(() => undefined)
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("main")
    // On a fresh load the skip link is the first stop.
    await page.reload()
    await page.waitForSelector("[data-testid=who]")
    await page.keyboard.press("Tab")
    expect(await page.evaluate(() => document.activeElement?.className)).toBe("skip-link")
    await page.keyboard.press("Enter")
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("main")
    await page.focus("[data-testid=nav-stages]")
    await page.keyboard.press("Enter")
    await page.waitForSelector("[data-testid=stages-table]")
    await page.waitForFunction(() => document.activeElement?.tagName === "H1", undefined, { timeout: 5_000 }).catch(() => undefined)
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("H1")
    expect(await page.getAttribute("[data-testid=nav-stages]", "aria-current")).toBe("page")
    await context.close()
  })

  it("switches to English and back; era and fiscal-year labels follow the language", async () => {
    const demo = service.tokens.find((t) => Access.allows(t.principal, "targets.progress"))!
    const context = await newContext()
    const page = await context.newPage()
    await signIn(page, demo.token, `#/targets?asOf=${service.asOf}`)
    await page.waitForSelector("[data-testid=targets-table]")
    const fy = Period.fiscalYearOf(service.asOf)
    expect(await text(page, "#field-plan option:checked")).toContain(Period.fiscalYearLabel(fy))
    await page.click("[data-testid=lang-switch]")
    await page.waitForFunction(() => document.documentElement.lang === "en")
    await page.waitForSelector("[data-testid=targets-table]")
    expect(await text(page, "h1")).toBe(messages.en.targetsTitle)
    expect(await text(page, "#field-plan option:checked")).toContain(`FY${fy}`)
    await shoot(page, "targets-en")
    await page.click("[data-testid=lang-switch]")
    await page.waitForFunction(() => document.documentElement.lang === "ja")
    expect(await text(page, "h1")).toBe(messages.ja.targetsTitle)
    await context.close()
  })

  it("a change of date never shows the previous date's figures, not even for the frame before they reload", async () => {
    const demo = service.tokens.find((t) => Access.allows(t.principal, "targets.progress"))!
    const context = await newContext()
    try {
      const page = await context.newPage()
      await signIn(page, demo.token)
      await open(page, `#/targets?asOf=${service.asOf}`, "[data-testid=targets-table]")
      const before = await text(page, "[data-testid=plan-heading]")
      const earlier = Period.addDays(service.asOf, -31)
      // A mutation observer's callback runs right after the render that follows the hash change
      // commits, before the page's effects start the new request: what it sees is that frame.
      // (A string, as the other in-page scripts here: this file is not compiled with the DOM's types.)
      const firstFrame = (await page.evaluate(`new Promise((resolve) => {
        const hash = ${JSON.stringify(`#/targets?asOf=${earlier}`)}
        const main = document.getElementById("main")
        const observer = new MutationObserver(() => {
          if (main.dataset.hash !== hash) return
          observer.disconnect()
          resolve(document.querySelector("[data-testid=plan-heading]")?.textContent ?? null)
        })
        observer.observe(main, { attributes: true, attributeFilter: ["data-hash"] })
        window.location.hash = hash
      })`)) as string | null
      expect(firstFrame).toBeNull()
      await open(page, `#/targets?asOf=${earlier}`, "[data-testid=targets-table]")
      const after = await text(page, "[data-testid=plan-heading]")
      expect(after).not.toBe(before)
      expect(after).toContain(`（${Period.formatEra(earlier)}現在）`)
    } finally {
      await context.close()
    }
  })

  /**
   * Charts are drawn after the tables' frame (the library loads lazily, and paints its SVG on a
   * later animation frame): a screenshot of a page with charts waits until there are charts and
   * every one has shapes in it.
   */
  const chartsDrawn = (page: Page, withCharts: boolean) =>
    page.waitForFunction(
      `(() => { const charts = [...document.querySelectorAll(".chart-canvas")]; return (${withCharts} ? charts.length > 0 : true) && charts.every((el) => el.querySelector("svg text") !== null) })()`,
      undefined,
      { timeout: 15_000 }
    )
  const pagesWithCharts = new Set(["targets", "stages", "time-in-stage", "national"])

  it("regenerates the guide's screenshots (a supervisor, in Japanese)", async () => {
    const demo = service.tokens.find((t) => t.principal.roles.includes("supervisor"))!
    const context = await newContext()
    const page = await context.newPage()
    mkdirSync(docsImages, { recursive: true })
    await page.goto(`${service.url}/`)
    await page.waitForSelector("[data-testid=login]")
    await page.screenshot({ path: join(docsImages, "dashboard-login.png") })
    await signIn(page, demo.token)
    for (const name of ["targets", "stages", "time-in-stage", "follow-ups", "national"] as const) {
      await open(page, checks[name].hash(service), checks[name].ready)
      await chartsDrawn(page, pagesWithCharts.has(name))
      await page.screenshot({ path: join(docsImages, `dashboard-${name}.png`) })
    }
    await open(page, `#/cases/${encodeURIComponent(service.caseWithWithheldData.caseId)}`, "[data-testid=person-data] table")
    await chartsDrawn(page, false)
    await page.screenshot({ path: join(docsImages, "dashboard-case.png"), fullPage: true })
    await context.close()
    const hw = service.tokens.find((t) => t.principal.organisation.kind === "hello_work")!
    const hwContext = await newContext()
    const hwPage = await hwContext.newPage()
    await signIn(hwPage, hw.token)
    await open(hwPage, `#/cases/${encodeURIComponent(service.caseWithWithheldData.caseId)}`, "[data-testid=person-data] table")
    await hwPage.screenshot({ path: join(docsImages, "dashboard-case-hello-work.png"), fullPage: true })
    await hwContext.close()
  })
})

if (executablePath === undefined && !required) {
  it.skip(missingBrowserMessage, () => {})
}

// What each page must show, read from the API with the same token.
interface PageCheck {
  readonly hash: (s: DemoService) => string
  readonly ready: string
  readonly figures: (page: Page, api: Client, s: DemoService) => Promise<void>
}

const cells = (page: Page, row: string, field: string) => page.$eval(`${row} [data-field="${field}"]`, (el) => (el.textContent ?? "").trim())

const checks: { readonly [P in Exclude<PageName, "case">]: PageCheck } = {
  targets: {
    hash: (s) => `#/targets?asOf=${s.asOf}`,
    ready: "[data-testid=targets-table]",
    figures: async (page, api, s) => {
      const plans = await run(api.targets.listPlans({ query: {} }))
      const progress = await run(api.targets.progress({ params: { id: plans.items[0]!.id }, query: { asOf: s.asOf, lang: "ja" } }))
      expect(await text(page, "[data-testid=plan-heading]")).toBe(progress.report.heading.ja)
      expect(progress.report.rows.length).toBeGreaterThan(0)
      for (const p of progress.report.rows) {
        const row = `[data-testid=targets-table] tr[data-target="${p.target.id}"]`
        expect(await cells(page, row, "actual")).toBe(F.metricValue(p.actual, "ja"))
        expect(await cells(page, row, "achievement")).toBe(F.metricValue(p.achievement, "ja"))
        expect(await cells(page, row, "forecast")).toBe(F.metricValue(p.forecast, "ja"))
        expect(await cells(page, row, "verdict")).toBe(Target.verdictLabels[p.verdict].ja)
      }
    }
  },
  stages: {
    hash: (s) => `#/stages?asOf=${s.asOf}`,
    ready: "[data-testid=stages-table]",
    figures: async (page, api, s) => {
      const from = Period.fiscalYearWindow(Period.fiscalYearOf(s.asOf)).from
      const r = await run(api.caseload.stages({ query: { asOf: s.asOf, from } }))
      expect(r.stages.some((x) => x.people > 0)).toBe(true)
      for (const x of r.stages) expect(await cells(page, `[data-testid=stages-table] tr[data-stage="${x.stage}"]`, "people")).toBe(F.number(x.people, "ja"))
      for (const f of r.flows) expect(await cells(page, `[data-testid=flows-table] tr[data-flow="${f.from}->${f.to}"]`, "moves")).toBe(F.number(f.moves, "ja"))
    }
  },
  "time-in-stage": {
    hash: (s) => `#/time-in-stage?asOf=${s.asOf}`,
    ready: "[data-testid=stays-table]",
    figures: async (page, api, s) => {
      const r = await run(api.caseload.timeInStage({ query: { asOf: s.asOf } }))
      for (const x of r.stages) {
        const row = `[data-testid=stays-table] tr[data-stage="${x.stage}"]`
        expect(await cells(page, row, "people")).toBe(F.number(x.people, "ja"))
        expect(await cells(page, row, "stagnating")).toBe(F.number(x.stagnating, "ja"))
      }
      const listed = await page.$$eval("[data-testid=stagnating-table] tbody tr", (trs) => trs.map((tr) => tr.getAttribute("data-case")))
      expect(listed).toEqual(r.stagnating.map((c) => c.caseId))
    }
  },
  "follow-ups": {
    hash: (s) => `#/follow-ups?asOf=${s.asOf}`,
    ready: "[data-testid=follow-up-counts]",
    figures: async (page, api, s) => {
      const r = await run(api.caseload.followUps({ query: { asOf: s.asOf } }))
      expect(r.due + r.overdue).toBeGreaterThan(0)
      expect(await text(page, "[data-testid=follow-up-counts] [data-field=due]")).toBe(F.number(r.due, "ja"))
      expect(await text(page, "[data-testid=follow-up-counts] [data-field=overdue]")).toBe(F.number(r.overdue, "ja"))
      const listed = await page.$$eval("[data-testid=follow-ups-table] tbody tr", (trs) => trs.map((tr) => `${tr.getAttribute("data-case")}:${tr.getAttribute("data-status")}`))
      expect(listed).toEqual(r.items.map((i) => `${i.caseId}:${i.status}`))
    }
  },
  national: {
    hash: (s) => `#/national?month=${Period.monthOf(s.asOf)}`,
    ready: "[data-testid=national-table]",
    figures: async (page, api, s) => {
      const month = Period.monthOf(s.asOf)
      const r = await run(api.reports.national({ query: { fiscalYear: Period.fiscalYearOfMonth(month), month: Number(month.slice(5, 7)), lang: "ja" } }))
      for (const f of r.figures) {
        const row = `[data-testid=national-table] tr[data-item="${f.item}"]`
        expect(await cells(page, row, "count")).toBe(F.number(f.count, "ja"))
        expect(await cells(page, row, "per100k")).toBe(F.metricValue(f.per100kPerMonth, "ja", { rateAs: "number" }))
      }
    }
  }
}

export type { Principal }
