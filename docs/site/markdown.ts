// Markdown settings shared by the site (.vitepress/config.ts) and the link check, so that the
// check sees exactly the pages and heading anchors the site renders.
import type { MarkdownOptions } from "vitepress"

/** Folders of docs/ that are not pages: runnable examples, tests, the site's own code. */
export const srcExclude: ReadonlyArray<string> = ["examples/**", "test/**", "site/**", "node_modules/**", "README.md"]

export const markdownOptions: MarkdownOptions = {
  // Headings h2 and h3 make the outline; anchors on every level, for links into the catalogue.
  anchor: { level: [1, 2, 3, 4, 5, 6] }
}
