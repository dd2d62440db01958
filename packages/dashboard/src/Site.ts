/**
 * Site (画面一式) — the dashboard's built static files, for a server to mount.
 *
 * `directory` is where they are. A published package ships them prebuilt; in the workspace
 * `ensure()` builds them with Vite when they are missing or older than their sources (the build
 * records every source file it read with its hash, so a change to the app, to `@jiritsu/core` or
 * to the REST API definition it is compiled against triggers a rebuild) — a fresh clone needs no
 * separate build step.
 *
 * ```ts
 * import { Site } from "@jiritsu/dashboard"
 * const root = await Site.ensure()   // → ".../packages/dashboard/site", index.html inside
 * ```
 *
 * @since 0.1.0
 * @module
 */
import { existsSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { buildSite, isStale, withBuildLock } from "./internal/build.ts"

const packageRoot = fileURLToPath(new URL("..", import.meta.url))

/**
 * The directory of the built site (`index.html` and its assets, relative URLs only, so it can be
 * mounted at `/` or under a prefix). It may not exist yet in the workspace: call {@link ensure}
 * first when you serve it.
 * @category assets
 * @since 0.1.0
 * @example
 * ```ts
 * import { join } from "node:path"
 * const index = join(Site.directory, "index.html") // the page a server answers `/` with
 * ```
 */
export const directory: string = join(packageRoot, "site")

/** The app's sources; present in the workspace, absent from a published package. */
const appDirectory = join(packageRoot, "app")

/**
 * `prebuilt`: a published package (no sources to compare with); `fresh`: built from the current
 * sources; `stale`: a source changed since the build; `missing`: never built.
 * @category assets
 * @since 0.1.0
 * @example
 * ```ts
 * const needsBuild = (s: Site.Status): boolean => s === "stale" || s === "missing"
 * ```
 */
export type Status = "prebuilt" | "fresh" | "stale" | "missing"

/**
 * The state of the built site (画面一式の状態) right now, without building anything: whether
 * {@link ensure} would build (`missing`, `stale`) or serve what is there (`prebuilt`, `fresh`).
 * Cheap enough for a health check or a start-up message.
 * @category assets
 * @since 0.1.0
 * @example
 * ```ts
 * if (Site.status() !== "fresh") console.log("the dashboard will be built on first start")
 * ```
 */
export const status = (): Status => {
  const built = existsSync(join(directory, "index.html"))
  if (!existsSync(appDirectory)) return built ? "prebuilt" : "missing"
  if (!built) return "missing"
  return isStale(packageRoot) ? "stale" : "fresh"
}

/**
 * Options of {@link ensure}: `force` rebuilds a fresh site too (e.g. after changing the build
 * itself), `log` receives the progress lines (the CLI passes its output).
 * @category assets
 * @since 0.1.0
 * @example
 * ```ts
 * const options: Site.EnsureOptions = { force: true, log: (line) => console.error(line) }
 * ```
 */
export interface EnsureOptions {
  /** Build even when the site is fresh. */
  readonly force?: boolean
  /** Where progress lines go (default: nowhere). */
  readonly log?: (line: string) => void
}

/**
 * The site's directory, built first when it is missing or stale (one build at a time across
 * processes; a concurrent caller waits and reuses it). Fails when there is neither a built site nor
 * the sources to build one. Call it before mounting {@link directory}, e.g. as the REST service's
 * `staticDirectory`.
 * @category assets
 * @since 0.1.0
 * @example
 * ```ts
 * const root = await Site.ensure({ log: (line) => console.log(line) }) // === Site.directory, index.html inside
 * ```
 */
export const ensure = async (options: EnsureOptions = {}): Promise<string> => {
  const first = status()
  if (first === "prebuilt" || (first === "fresh" && options.force !== true)) return directory
  if (!existsSync(appDirectory)) throw new Error(`@jiritsu/dashboard: no built site in ${directory} and no sources to build it from`)
  await withBuildLock(packageRoot, async () => {
    // Another process may have built it while this one waited for the lock.
    if (options.force !== true && status() === "fresh") return
    const started = performance.now()
    options.log?.(`dashboard: building the site (${first}) …`)
    await buildSite(packageRoot, directory)
    options.log?.(`dashboard: site built in ${((performance.now() - started) / 1000).toFixed(1)} s`)
  })
  return directory
}
