// The link check over every page of the site: each page is parsed by VitePress's own Markdown
// renderer with the site's Markdown options (so heading anchors are exactly the ones the site
// gets), and every link is checked: a link to another page or file must resolve inside the site,
// an anchor must name a heading or an `id` of the target page, and an external link must at least
// be a well-formed http(s) or mailto URL (the machine that runs the tests has no network).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs"
import { dirname, extname, join, relative, resolve } from "node:path"
import { createMarkdownRenderer, type MarkdownRenderer } from "vitepress"
import { markdownOptions, srcExclude } from "./markdown.ts"

export const docsRoot = join(import.meta.dirname, "..")

export interface LinkFinding {
  /** Page path relative to the repository root. */
  readonly file: string
  readonly line: number
  readonly link: string
  readonly problem: string
}

export const formatLinkFinding = (f: LinkFinding): string => `${f.file}:${f.line}: ${f.link}: ${f.problem}`

const excluded = (rel: string): boolean =>
  srcExclude.some((pattern) => rel === pattern.replace(/\/\*\*$/, "") || rel.startsWith(pattern.replace(/\*\*$/, ""))) || rel.startsWith(".vitepress")

/** Every Markdown page of the site, relative to `docs/`. */
export const sitePages = (root: string = docsRoot): ReadonlyArray<string> => {
  const out: Array<string> = []
  const visit = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name)
      const rel = relative(root, full)
      if (excluded(rel) || name === "node_modules") continue
      if (statSync(full).isDirectory()) visit(full)
      else if (name.endsWith(".md")) out.push(rel)
    }
  }
  visit(root)
  return out
}

interface Page {
  readonly anchors: ReadonlySet<string>
  readonly links: ReadonlyArray<{ readonly href: string; readonly line: number }>
}

type Token = ReturnType<MarkdownRenderer["parse"]>[number]

const HTML_HREF = /\bhref\s*=\s*"([^"]*)"/g
const HTML_ID = /\b(?:id|name)\s*=\s*"([^"]+)"/g

const lineOf = (source: string, block: Token, needle: string): number => {
  const start = block.map?.[0] ?? 0
  const lines = source.split("\n")
  const end = block.map?.[1] ?? lines.length
  for (let i = start; i < end; i++) if (lines[i]!.includes(needle)) return i + 1
  return start + 1
}

const parsePage = (md: MarkdownRenderer, root: string, source: string, rel: string): Page => {
  const tokens = md.parse(source, { path: join(root, rel), relativePath: rel, cleanUrls: true })
  const anchors = new Set<string>()
  const links: Array<{ href: string; line: number }> = []
  const html = (block: Token, content: string): void => {
    for (const m of content.matchAll(HTML_ID)) anchors.add(m[1]!)
    for (const m of content.matchAll(HTML_HREF)) links.push({ href: m[1]!, line: lineOf(source, block, m[1]!) })
  }
  for (const t of tokens) {
    if (t.type === "heading_open") {
      const id = t.attrGet("id")
      if (id !== null) anchors.add(id)
    }
    if (t.type === "html_block") html(t, t.content)
    if (t.type !== "inline") continue
    for (const child of t.children ?? []) {
      if (child.type === "link_open") {
        const href = child.attrGet("href")
        if (href !== null) links.push({ href, line: lineOf(source, t, href) })
      }
      if (child.type === "html_inline") html(t, child.content)
    }
  }
  return { anchors, links }
}

const wellFormedExternal = (href: string): string | undefined => {
  let url: URL
  try {
    url = new URL(href)
  } catch {
    return "not a well-formed URL"
  }
  if (url.protocol === "mailto:") return url.pathname.includes("@") ? undefined : "a mailto link without an address"
  if (url.protocol !== "http:" && url.protocol !== "https:") return `an unexpected scheme ${url.protocol}`
  if (!/^[a-z0-9.-]+\.[a-z]{2,}$|^localhost$/i.test(url.hostname)) return `a host name that cannot be right (${url.hostname})`
  if (/\s/.test(href)) return "white space in the URL"
  return undefined
}

// A page link resolves to a Markdown page of the site (`x.md`, `x`, `x.html`, `x/`), or to another
// file that the site serves (under docs/public, or beside the pages: see `linkedFiles`).
const resolveTarget = (root: string, fromRel: string, path: string): { readonly page?: string; readonly file?: string } | undefined => {
  const base = path.startsWith("/") ? join(root, path) : resolve(root, dirname(fromRel), path)
  const rel = relative(root, base)
  if (rel.startsWith("..")) return undefined
  const candidates = path.endsWith("/")
    ? [join(rel, "index.md")]
    : extname(rel) === ".md"
      ? [rel]
      : extname(rel) === ".html"
        ? [rel.replace(/\.html$/, ".md")]
        : [`${rel}.md`, join(rel, "index.md"), rel]
  for (const c of candidates) {
    if (c.endsWith(".md") && existsSync(join(root, c)) && !excluded(c)) return { page: c }
  }
  if (existsSync(join(root, "public", rel))) return { file: rel }
  // Another file of the site's folders (a sample CSV beside a guide): the build copies it.
  if (!excluded(rel) && extname(rel) !== ".md" && existsSync(join(root, rel)) && statSync(join(root, rel)).isFile()) return { file: rel }
  return undefined
}

export interface CheckOptions {
  /**
   * A folder whose pages are generated at build time and not checked in (`api`): while checking
   * only the checked-in pages, a link into it may name only these pages (their anchors are not
   * checked), whatever an earlier build left on disk.
   */
  readonly generated?: { readonly dir: string; readonly pages: ReadonlyArray<string> }
}

/** The checked-in pages: every page but those of the generated folder. */
export const checkedInPages = (dir: string, root: string = docsRoot): ReadonlyArray<string> => sitePages(root).filter((p) => !p.startsWith(`${dir}/`))

/** Checks every link of every page; `pages` defaults to every page of the site. */
/** VitePress's Markdown renderer with the site's options (create once, check many times). */
export const siteMarkdown = (): Promise<MarkdownRenderer> => createMarkdownRenderer(docsRoot, markdownOptions, "/")

export const checkLinks = async (
  root: string = docsRoot,
  pages: ReadonlyArray<string> = sitePages(root),
  options: CheckOptions = {},
  md?: MarkdownRenderer
): Promise<ReadonlyArray<LinkFinding>> => {
  const renderer = md ?? (await siteMarkdown())
  const parsed = new Map<string, Page>()
  const pageOf = (rel: string): Page => {
    let p = parsed.get(rel)
    if (p === undefined) {
      p = parsePage(renderer, root, readFileSync(join(root, rel), "utf8"), rel)
      parsed.set(rel, p)
    }
    return p
  }
  const findings: Array<LinkFinding> = []
  const repoRel = (rel: string): string => relative(join(root, ".."), join(root, rel))
  for (const rel of pages) {
    for (const { href, line } of pageOf(rel).links) {
      const report = (problem: string): void => void findings.push({ file: repoRel(rel), line, link: href, problem })
      if (/^[a-z][a-z0-9+.-]*:/i.test(href)) {
        const problem = wellFormedExternal(href)
        if (problem !== undefined) report(problem)
        continue
      }
      const [rawPath, fragment] = href.split("#", 2) as [string, string | undefined]
      const path = decodeURI(rawPath)
      let targetPage = rel
      const generated = options.generated
      const intoGenerated = generated !== undefined && path !== "" && relative(root, path.startsWith("/") ? join(root, path) : resolve(root, dirname(rel), path)).startsWith(`${generated.dir}/`)
      if (intoGenerated) {
        const target = relative(root, path.startsWith("/") ? join(root, path) : resolve(root, dirname(rel), path))
        const page = [target, `${target}.md`, join(target, "index.md")].find((c) => generated.pages.includes(c))
        if (page === undefined) report(`a link into the generated ${generated.dir}/ folder may name only ${generated.pages.join(", ")} from a checked-in page`)
        continue
      }
      if (path !== "") {
        const target = resolveTarget(root, rel, path)
        if (target === undefined) {
          report(existsSync(resolve(root, dirname(rel), path)) ? "a file that is not a page of the site (it would be a broken link there): name it in a code span, or quote it" : "no such page in the site")
          continue
        }
        if (target.page === undefined) continue
        targetPage = target.page
      }
      if (fragment !== undefined && fragment !== "" && !pageOf(targetPage).anchors.has(decodeURIComponent(fragment))) {
        report(`no heading or id "${decodeURIComponent(fragment)}" in ${repoRel(targetPage)}`)
      }
    }
  }
  return findings
}

/**
 * The files other than pages that pages link to inside the site's folders (e.g. sample CSV files
 * beside a guide), relative to `docs/`: the build copies them next to the rendered pages.
 */
export const linkedFiles = async (root: string = docsRoot, md?: MarkdownRenderer): Promise<ReadonlyArray<string>> => {
  const renderer = md ?? (await siteMarkdown())
  const files = new Set<string>()
  for (const rel of sitePages(root)) {
    for (const { href } of parsePage(renderer, root, readFileSync(join(root, rel), "utf8"), rel).links) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith("#")) continue
      const path = decodeURI(href.split("#")[0]!)
      if (path === "") continue
      const target = resolveTarget(root, rel, path)
      if (target?.file !== undefined && !existsSync(join(root, "public", target.file))) files.add(target.file)
    }
  }
  return [...files].sort()
}
