// The documentation site: the Markdown under docs/ rendered by VitePress (the guides stay the
// source), English at / and Japanese at /ja/, Mermaid diagrams rendered in the browser, local
// search. The generated pages (catalogue, API and REST references, file formats) come from
// `pnpm docs:gen` (docs/site/gen.ts), which `pnpm docs:build` and `pnpm docs:dev` run first.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { type DefaultTheme, defineConfig } from "vitepress"
import { withMermaid } from "vitepress-plugin-mermaid"
import { linkedFiles } from "../site/links.ts"
import { markdownOptions, srcExclude } from "../site/markdown.ts"

const docs = join(import.meta.dirname, "..")

const titleOf = (file: string): string => /^# (.+)$/m.exec(readFileSync(join(docs, file), "utf8"))?.[1]?.replace(/`/g, "") ?? file

// The pages of a folder, in the given order first, then alphabetically.
const pagesIn = (dir: string, order: ReadonlyArray<string> = []): ReadonlyArray<DefaultTheme.SidebarItem> => {
  if (!existsSync(join(docs, dir))) return []
  const rank = (f: string): number => (order.includes(f) ? order.indexOf(f) : order.length)
  return readdirSync(join(docs, dir))
    .filter((f) => f.endsWith(".md") && f !== "index.md")
    .sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1))
    .map((f) => ({ text: titleOf(`${dir}/${f}`), link: `/${dir}/${f.replace(/\.md$/, "")}` }))
}

const conceptOrder = ["eligibility.md", "stages.md", "consent.md", "targets.md"]

// TypeDoc writes the API reference's sidebar beside its pages (docs/api/typedoc-sidebar.json).
const apiSidebar = (): ReadonlyArray<DefaultTheme.SidebarItem> =>
  existsSync(join(docs, "api", "typedoc-sidebar.json")) ? (JSON.parse(readFileSync(join(docs, "api", "typedoc-sidebar.json"), "utf8")) as Array<DefaultTheme.SidebarItem>) : []

const enSidebar: DefaultTheme.SidebarItem[] = [
  {
    text: "Getting started",
    items: [
      { text: "Overview", link: "/" },
      { text: "Getting started", link: "/getting-started" },
      { text: "Installing jiritsu", link: "/guides/installing-jiritsu" }
    ]
  },
  {
    text: "Guides by user",
    items: [
      { text: "For vendors", link: "/guides/for-vendors" },
      { text: "For researchers", link: "/guides/for-researchers" },
      { text: "For rules teams", link: "/guides/for-rules-teams" }
    ]
  },
  {
    text: "Guides by module",
    items: [
      { text: "Writing eligibility rules", link: "/guides/writing-eligibility-rules" },
      { text: "Stages and cases", link: "/guides/stages-and-cases" },
      { text: "Consent", link: "/guides/consent" },
      { text: "Targets and reports", link: "/guides/targets-and-reports" },
      { text: "Extending the catalogue", link: "/guides/extending-the-catalogue" }
    ]
  },
  { text: "Concepts", link: "/concepts/", items: [...pagesIn("concepts", conceptOrder)] },
  {
    text: "Reference",
    items: [
      { text: "Programme catalogue", link: "/catalogue" },
      { text: "TypeScript API", link: "/api/" },
      { text: "REST API", link: "/reference/rest" },
      { text: "File formats (JSON Schema)", link: "/reference/schemas/", collapsed: true, items: [...pagesIn("reference/schemas")] },
      { text: "Glossary", link: "/glossary" },
      { text: "The consent model", link: "/consent-model" },
      { text: "Sources", link: "/sources" }
    ]
  },
  { text: "Decisions (ADRs)", collapsed: true, items: [...pagesIn("adr")] }
]

const jaSidebar: DefaultTheme.SidebarItem[] = [
  { text: "はじめに", items: [{ text: "概要", link: "/ja/" }, { text: "はじめに（英語）", link: "/getting-started" }] },
  { text: "考え方", link: "/ja/concepts/", items: [...pagesIn("ja/concepts", conceptOrder)] },
  {
    text: "リファレンス",
    items: [
      { text: "事業カタログ", link: "/ja/catalogue" },
      { text: "TypeScript API（英語）", link: "/api/" },
      { text: "REST API（英語）", link: "/reference/rest" },
      { text: "用語集", link: "/glossary" }
    ]
  },
  {
    text: "利用者別ガイド（英語）",
    items: [
      { text: "ベンダー向け", link: "/guides/for-vendors" },
      { text: "研究者向け", link: "/guides/for-researchers" },
      { text: "ルール担当者向け", link: "/guides/for-rules-teams" }
    ]
  }
]

export default withMermaid(
  defineConfig({
    title: "jiritsu",
    description: "Integrated employment support (一体的実施) as a tested TypeScript algebra",
    srcExclude: [...srcExclude],
    cleanUrls: true,
    lastUpdated: false,
    markdown: markdownOptions,
    locales: {
      root: { label: "English", lang: "en" },
      ja: {
        label: "日本語",
        lang: "ja",
        description: "一体的実施（生活保護受給者等の就労支援）を検証済みの TypeScript 代数として",
        themeConfig: {
          nav: [
            { text: "考え方", link: "/ja/concepts/" },
            { text: "事業カタログ", link: "/ja/catalogue" },
            { text: "API", link: "/api/" }
          ],
          sidebar: { "/ja/": jaSidebar },
          outline: { label: "このページの内容", level: [2, 3] },
          docFooter: { prev: "前へ", next: "次へ" }
        }
      }
    },
    themeConfig: {
      nav: [
        { text: "Guides", link: "/getting-started" },
        { text: "Concepts", link: "/concepts/" },
        { text: "Catalogue", link: "/catalogue" },
        { text: "API", link: "/api/" },
        { text: "REST", link: "/reference/rest" }
      ],
      sidebar: {
        "/api/": [{ text: "TypeScript API", link: "/api/", items: [...apiSidebar()] }, ...enSidebar.slice(0, 1)],
        "/": enSidebar
      },
      outline: { level: [2, 3] },
      search: { provider: "local" }
    },
    mermaid: { securityLevel: "strict" },
    // Files the pages link to that are not pages (sample CSV and mapping files beside a guide)
    // are served beside the rendered pages, at the same paths.
    async buildEnd(site) {
      for (const file of await linkedFiles(site.srcDir)) {
        mkdirSync(dirname(join(site.outDir, file)), { recursive: true })
        copyFileSync(join(site.srcDir, file), join(site.outDir, file))
      }
    }
  })
)
