// Build, pack and install the workspace's packages the way a vendor would: `pnpm pack` each
// package (workspace:* becomes the real version, publishConfig replaces the development exports),
// then plain `npm install ./a.tgz ./b.tgz …` in an empty project outside the workspace.
import { execFileSync } from "node:child_process"
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import type { PackedPackage } from "./packages.ts"

export const repoRoot = join(import.meta.dirname, "..")
const bin = (name: string) => join(repoRoot, "node_modules", ".bin", name)
const pnpm = join(repoRoot, ".tools", "node_modules", ".bin", "pnpm")

export interface Manifest {
  readonly name: string
  readonly version: string
  readonly exports?: Readonly<Record<string, unknown>>
  readonly bin?: Readonly<Record<string, string>>
  readonly dependencies?: Readonly<Record<string, string>>
  readonly peerDependencies?: Readonly<Record<string, string>>
  readonly files?: ReadonlyArray<string>
}

export interface Installed {
  /** The consumer project (an empty npm project with the tarballs installed). */
  readonly project: string
  readonly tarballs: ReadonlyArray<string>
  /** The manifest of each package as installed (what the tarball carries). */
  readonly manifests: ReadonlyMap<string, Manifest>
  readonly cleanup: () => void
}

const run = (cmd: string, args: ReadonlyArray<string>, cwd: string): string =>
  execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, npm_config_audit: "false", npm_config_fund: "false" } })

/** Builds each package with its own tsup config (into its `dist`), packs it, installs all tarballs together. */
export const buildPackInstall = (list: ReadonlyArray<PackedPackage>): Installed => {
  const work = mkdtempSync(join(tmpdir(), "jiritsu-pack-"))
  const packs = join(work, "packs")
  const project = join(work, "consumer")
  mkdirSync(packs)
  mkdirSync(project)
  for (const p of list) {
    const dir = join(repoRoot, p.dir)
    run(bin("tsup"), [], dir)
    run(pnpm, ["pack", "--pack-destination", packs], dir)
  }
  const tarballs = readdirSync(packs).filter((f) => f.endsWith(".tgz")).map((f) => join(packs, f))
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", version: "1.0.0", private: true, type: "module" }, null, 2))
  run("npm", ["install", "--no-audit", "--no-fund", "--no-package-lock", ...tarballs], project)
  const manifests = new Map<string, Manifest>()
  for (const p of list) {
    const name = (JSON.parse(readFileSync(join(repoRoot, p.dir, "package.json"), "utf8")) as Manifest).name
    manifests.set(name, JSON.parse(readFileSync(join(project, "node_modules", ...name.split("/"), "package.json"), "utf8")) as Manifest)
  }
  return { project, tarballs, manifests, cleanup: () => rmSync(work, { recursive: true, force: true }) }
}

/** The namespace names a package's source barrel exports (`export * as X from "./X.ts"`). */
export const barrelNames = (dir: string): ReadonlyArray<string> =>
  [...readFileSync(join(repoRoot, dir, "src", "index.ts"), "utf8").matchAll(/^export \* as (\w+) from/gm)].map((m) => m[1]!).sort()

/** Every concrete subpath of an exports map that points at JavaScript (patterns and blocked paths skipped). */
export const jsSubpaths = (exportsMap: Readonly<Record<string, unknown>>): ReadonlyArray<string> =>
  Object.entries(exportsMap)
    .filter(([k, v]) => !k.includes("*") && v !== null && !(typeof v === "string" && v.endsWith(".json")))
    .map(([k]) => k)

/** Runs node (the workspace's Node 24, or another binary) in the consumer project. */
export const nodeIn = (project: string, args: ReadonlyArray<string>, node = process.execPath): string => run(node, [...args], project)
