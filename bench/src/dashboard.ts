// Dashboard benchmark: time to first view of the targets page (目標の進捗), on loopback, with the
// demo data.
//
// The service is the reference service exactly as `pnpm serve` starts it — `packages/rest/src/bin.ts`
// in a child process on a free port, embedded PGlite in a fresh temporary directory, the demo
// municipality seeded, the dashboard mounted at `/` — and the browser is Debian's headless Chromium
// driven by playwright-core (executablePath, never a downloaded browser).
//
// jiritsu: a signed-in person (the token already in the session, as after the login prompt) opens
// `/#/targets` in a fresh browser context (empty cache); timed from `page.goto` until the targets
// table's figures are visible — the HTML, the scripts, the session check, the plans and the plan's
// progress fetched through the typed client, the table rendered.
// baseline: the same page's HTML, scripts and styles from the same service, without data — a fresh
// context without a session opens `/#/targets` and is timed until the login prompt is visible (the
// app's first screen that needs no API call).
// The two sides alternate, one warm-up each; the rows on screen are checked against the API's
// report before anything is timed.
import { Demo } from "@jiritsu/rest"
import { Access } from "@jiritsu/rest/api"
import { spawn, type ChildProcess } from "node:child_process"
import { existsSync, mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { type Browser, type BrowserContext, chromium } from "playwright-core"
import { machine, measured, median, milliseconds, samplesOf, writeReport } from "./report.ts"

const RUNS = 7
const VIEWPORT = { width: 1280, height: 900 }
const FIGURES = "[data-testid=targets-table] tbody tr [data-field=actual]"
const CHARTS = "[data-testid=target-charts] .chart-canvas svg"
const LOGIN = "[data-testid=login]"
const BROWSERS = ["/usr/bin/chromium-headless-shell", "/usr/bin/chromium"]
const root = join(import.meta.dirname, "..", "..")

// The page's globals, as the callbacks run inside the browser see them (this file is compiled for Node).
declare const window: { readonly sessionStorage: { setItem(key: string, value: string): void } }
declare const performance: { now(): number; getEntriesByType(type: string): ReadonlyArray<{ readonly responseEnd: number; readonly domContentLoadedEventEnd: number }> }
declare const document: { querySelectorAll(selector: string): { readonly length: number } }

interface Service {
  readonly url: string
  readonly readyIn: string
  readonly stop: () => Promise<void>
}

/** Starts `pnpm serve`'s entry point on a free port with a fresh embedded database; resolves once it prints its URL. */
const startService = (dataDir: string): Promise<Service> =>
  new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, [join(root, "packages", "rest", "src", "bin.ts"), "--port", "0", "--data-dir", dataDir, "--fresh", "--quiet"], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: "" },
      stdio: ["ignore", "pipe", "pipe"]
    })
    let out = ""
    let err = ""
    const stop = (): Promise<void> =>
      new Promise((done) => {
        if (child.exitCode !== null) return done()
        child.once("exit", () => done())
        child.kill("SIGTERM")
      })
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString()
      const url = /^ {2}URL +(http:\/\/\S+)/m.exec(out)?.[1]
      if (url !== undefined && out.includes("Stop: Ctrl-C")) resolve({ url, readyIn: /ready in ([\d.]+ s)/.exec(out)?.[1] ?? "?", stop })
    })
    child.stderr!.on("data", (chunk: Buffer) => (err += chunk.toString()))
    child.once("exit", (code) => reject(new Error(`the service exited (${code}) before it was ready:\n${out}\n${err}`)))
  })

const newContext = (browser: Browser, token?: string): Promise<BrowserContext> =>
  browser.newContext({ viewport: VIEWPORT, locale: "ja-JP", timezoneId: "Asia/Tokyo" }).then(async (context) => {
    if (token !== undefined) await context.addInitScript((t) => window.sessionStorage.setItem("jiritsu.dashboard.token", t), token)
    return context
  })

interface View {
  readonly ms: number
  /** Document response end and DOMContentLoaded, from the page's navigation timing (ms after navigation start). */
  readonly responseEnd: number
  readonly domContentLoaded: number
  readonly rows: ReadonlyArray<string>
  /** Until every chart is drawn (jiritsu side only), from the same start. */
  readonly charts?: number
}

/** One first view in a fresh context: from `goto` until `ready` is visible. */
const firstView = async (browser: Browser, url: string, token: string | undefined, ready: string): Promise<View> => {
  const context = await newContext(browser, token)
  try {
    const page = await context.newPage()
    const started = performance.now()
    await page.goto(`${url}/#/targets`, { waitUntil: "commit" })
    await page.waitForSelector(ready, { state: "visible" })
    const ms = performance.now() - started
    const rows = token === undefined ? [] : await page.$$eval("[data-testid=targets-table] tbody tr", (trs) => trs.map((tr) => `${tr.getAttribute("data-target")}=${tr.querySelector("[data-field=actual]")?.textContent?.trim() ?? ""}`))
    let charts: number | undefined
    if (token !== undefined) {
      await page.waitForFunction(([c, n]) => document.querySelectorAll(c).length >= n, [CHARTS, rows.length] as const)
      charts = performance.now() - started
    }
    const nav = await page.evaluate(() => {
      const e = performance.getEntriesByType("navigation")[0]!
      return { responseEnd: e.responseEnd, domContentLoaded: e.domContentLoadedEventEnd }
    })
    return { ms, ...nav, rows, ...(charts === undefined ? {} : { charts }) }
  } finally {
    await context.close()
  }
}

export async function main(): Promise<void> {
  const startedOn = machine()
  const executablePath = process.env["JIRITSU_CHROMIUM"] ?? BROWSERS.find((b) => existsSync(b))
  if (executablePath === undefined || !existsSync(executablePath)) {
    throw new Error(`bench dashboard: no headless Chromium (looked for JIRITSU_CHROMIUM, ${BROWSERS.join(", ")}); install it with apt-get install -y chromium-headless-shell fonts-ipaexfont-gothic`)
  }
  const dir = mkdtempSync(join(tmpdir(), "jiritsu-bench-dashboard-"))
  const service = await startService(join(dir, "data"))
  const browser = await chromium.launch({
    executablePath,
    args: ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
  })
  try {
    const demo = Demo.tokens.find((t) => t.principal.tenant === Demo.SHINAGAWA && Access.allows(t.principal, "targets.progress"))!
    console.log(`dashboard: service at ${service.url} (ready in ${service.readyIn}, demo data seeded); ${executablePath}; signed in as ${demo.label}`)

    // Same figures first: the rows on screen are the plan's targets as the API reports them.
    const api = async (path: string): Promise<unknown> => {
      const r = await fetch(`${service.url}${path}`, { headers: { authorization: `Bearer ${demo.token}` } })
      if (r.status !== 200) throw new Error(`${path}: ${r.status} ${await r.text()}`)
      return r.json()
    }
    const plans = (await api("/v1/targets/plans")) as { readonly items: ReadonlyArray<{ readonly id: string }> }
    const planId = plans.items[0]!.id
    const warm = await firstView(browser, service.url, demo.token, FIGURES)
    const today = new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10)
    const progress = (await api(`/v1/targets/plans/${encodeURIComponent(planId)}/progress?asOf=${today}&lang=ja`)) as { readonly report: { readonly rows: ReadonlyArray<{ readonly target: { readonly id: string } }> } }
    const expected = progress.report.rows.map((r) => r.target.id)
    const shown = warm.rows.map((r) => r.slice(0, r.indexOf("=")))
    if (JSON.stringify(shown) !== JSON.stringify(expected) || warm.rows.some((r) => r.endsWith("="))) {
      throw new Error(`bench dashboard: the page shows ${JSON.stringify(warm.rows)}, the API reports targets ${JSON.stringify(expected)}`)
    }
    await firstView(browser, service.url, undefined, LOGIN)

    const ours: Array<View> = []
    const theirs: Array<View> = []
    for (let i = 0; i < RUNS; i++) {
      ours.push(await firstView(browser, service.url, demo.token, FIGURES))
      theirs.push(await firstView(browser, service.url, undefined, LOGIN))
    }
    const med = (xs: ReadonlyArray<number>): string => median(xs).toFixed(0)
    writeReport(
      "dashboard",
      [
        measured({
          case: "first-view-targets",
          unit: "ms",
          higherIsBetter: false,
          value: milliseconds,
          sides: { jiritsu: samplesOf(ours.map((v) => v.ms)), baseline: samplesOf(theirs.map((v) => v.ms)) },
          note:
            `ms from page.goto until the figures are visible, loopback, headless Chromium (${executablePath}, playwright-core), a fresh browser context (empty cache) per view, ` +
            `${VIEWPORT.width}×${VIEWPORT.height}, ja-JP; ${RUNS} views per side, alternating, after one warm-up each. Service: packages/rest/src/bin.ts (pnpm serve) in a child process, ` +
            `embedded PGlite, demo data seeded (${Demo.sites.map((s) => s.name.en).join(", ")}), ready in ${service.readyIn}. ` +
            `jiritsu: signed in as ${demo.label} (token in the session), opens /#/targets — HTML, scripts, session check, plans and the plan's progress through the typed client, ` +
            `the targets table rendered; returns ${expected.length} rows, checked equal to the API's report (${expected.join(", ")}). Charts drawn after the table: median ${med(ours.map((v) => v.charts ?? Number.NaN))} ms. ` +
            `baseline: the same page's HTML, scripts and styles without data — no session, /#/targets until the login prompt is visible (no API call). ` +
            `Navigation timing medians (document response end / DOMContentLoaded): jiritsu ${med(ours.map((v) => v.responseEnd))} / ${med(ours.map((v) => v.domContentLoaded))} ms, ` +
            `baseline ${med(theirs.map((v) => v.responseEnd))} / ${med(theirs.map((v) => v.domContentLoaded))} ms. Goal: first view < 1,000 ms median`
        })
      ],
      startedOn
    )
  } finally {
    await browser.close()
    await service.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}
