import { defineConfig } from "vitepress"
import { withMermaid } from "vitepress-plugin-mermaid"

export default withMermaid(
  defineConfig({
    title: "jiritsu",
    description: "Integrated employment support (一体的実施) as a tested TypeScript algebra",
    srcExclude: ["examples/**", "test/**", "site/**", "node_modules/**"],
    cleanUrls: true,
    themeConfig: { search: { provider: "local" } }
  })
)
