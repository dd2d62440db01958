// Headless Chromium for the end-to-end tests: Debian's own build (never a downloaded one), driven
// by playwright-core.
import { existsSync, readFileSync } from "node:fs"
import { createRequire } from "node:module"
import { type Browser, chromium, type Page } from "playwright-core"

const candidates = ["/usr/bin/chromium-headless-shell", "/usr/bin/chromium", "/usr/lib/chromium/headless_shell", "/usr/lib/chromium/chromium"]

/** `JIRITSU_CHROMIUM` if set, else the first Debian browser present. */
export const findBrowser = (): string | undefined => {
  const fromEnv = process.env["JIRITSU_CHROMIUM"]
  if (fromEnv !== undefined && fromEnv !== "") return existsSync(fromEnv) ? fromEnv : undefined
  return candidates.find((c) => existsSync(c))
}

export const missingBrowserMessage =
  "dashboard e2e: SKIPPED — no headless Chromium found (looked for JIRITSU_CHROMIUM, " +
  candidates.join(", ") +
  "). Install it with: apt-get install -y chromium-headless-shell (and fonts-ipaexfont-gothic for Japanese screenshots)"

export const launch = (executablePath: string): Promise<Browser> =>
  chromium.launch({
    executablePath,
    args: ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
  })

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8")

export interface AxeViolation {
  readonly id: string
  readonly impact: string | null
  readonly help: string
  readonly nodes: ReadonlyArray<{ readonly target: ReadonlyArray<string>; readonly failureSummary?: string }>
}

/** axe-core over the whole page against WCAG 2.1 A and AA; returns the violations. */
export const axe = async (page: Page): Promise<ReadonlyArray<AxeViolation>> => {
  await page.addScriptTag({ content: axeSource })
  return page.evaluate(async () => {
    const g = globalThis as unknown as { axe: { run: (ctx: unknown, options: object) => Promise<{ violations: ReadonlyArray<AxeViolation> }> }; document: unknown }
    const result = await g.axe.run(g.document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
      resultTypes: ["violations"]
    })
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, ...(n.failureSummary === undefined ? {} : { failureSummary: n.failureSummary }) })) }))
  })
}

export const describeViolations = (violations: ReadonlyArray<AxeViolation>): string =>
  violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(" ")} ${n.failureSummary ?? ""}`).join("\n")}`).join("\n")
