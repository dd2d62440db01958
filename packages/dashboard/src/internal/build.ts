// Builds the site with Vite and remembers what it was built from, so `Site.ensure` rebuilds only
// when a source changed. Workspace-only: a published package ships the built site.
import { createHash, randomBytes } from "node:crypto"
import { closeSync, existsSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs"
import { isAbsolute, join, relative, resolve } from "node:path"

const RECORD = ".site-inputs.json"
const LOCK = ".site.lock"

interface InputRecord {
  readonly version: 1
  readonly inputs: Readonly<Record<string, string>>
}

const sha256 = (file: string): string => createHash("sha256").update(readFileSync(file)).digest("hex")

/** For a file inside node_modules, the package.json of its package (its version is the input). */
const packageJsonOf = (file: string): string | undefined => {
  const marker = "/node_modules/"
  const at = file.lastIndexOf(marker)
  if (at < 0) return undefined
  const rest = file.slice(at + marker.length).split("/")
  const name = rest[0]!.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]!
  return join(file.slice(0, at + marker.length), name, "package.json")
}

const inputFiles = (moduleIds: Iterable<string>, packageRoot: string): ReadonlyArray<string> => {
  const files = new Set<string>([join(packageRoot, "vite.config.ts"), join(packageRoot, "package.json"), join(packageRoot, "app", "index.html")])
  for (const raw of moduleIds) {
    const id = raw.split("?")[0]!
    if (id.startsWith("\0") || !isAbsolute(id) || !existsSync(id)) continue
    files.add(packageJsonOf(id) ?? id)
  }
  return [...files].filter((f) => existsSync(f)).sort()
}

export const isStale = (packageRoot: string): boolean => {
  const recordFile = join(packageRoot, RECORD)
  if (!existsSync(recordFile)) return true
  let record: InputRecord
  try {
    record = JSON.parse(readFileSync(recordFile, "utf8")) as InputRecord
  } catch {
    return true
  }
  if (record.version !== 1 || typeof record.inputs !== "object") return true
  for (const [file, hash] of Object.entries(record.inputs)) {
    const absolute = resolve(packageRoot, file)
    if (!existsSync(absolute) || sha256(absolute) !== hash) return true
  }
  return false
}

/** Builds into a temporary directory, then swaps it in, so a reader never sees half a site. */
export const buildSite = async (packageRoot: string, outDir: string): Promise<void> => {
  const vite = await import("vite")
  const temporary = `${outDir}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`
  const seen = new Set<string>()
  try {
    await vite.build({
      configFile: join(packageRoot, "vite.config.ts"),
      logLevel: "warn",
      build: { outDir: temporary, emptyOutDir: true },
      plugins: [
        {
          name: "jiritsu-site-inputs",
          generateBundle() {
            for (const id of this.getModuleIds()) seen.add(id)
          }
        }
      ]
    })
    const previous = `${outDir}.old-${process.pid}-${randomBytes(4).toString("hex")}`
    if (existsSync(outDir)) renameSync(outDir, previous)
    renameSync(temporary, outDir)
    rmSync(previous, { recursive: true, force: true })
    const inputs = Object.fromEntries(inputFiles(seen, packageRoot).map((f) => [relative(packageRoot, f), sha256(f)]))
    writeFileSync(join(packageRoot, RECORD), `${JSON.stringify({ version: 1, inputs } satisfies InputRecord, null, 1)}\n`)
  } finally {
    rmSync(temporary, { recursive: true, force: true })
  }
}

const STALE_LOCK_MS = 180_000

const lockIsAbandoned = (lockFile: string): boolean => {
  try {
    const pid = Number(readFileSync(lockFile, "utf8"))
    if (Date.now() - statSync(lockFile).mtimeMs > STALE_LOCK_MS) return true
    if (!Number.isInteger(pid) || pid <= 0) return false
    process.kill(pid, 0)
    return false
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "ESRCH"
  }
}

/** One build at a time across processes (a lock file holding the builder's pid). */
export const withBuildLock = async (packageRoot: string, f: () => Promise<void>): Promise<void> => {
  const lockFile = join(packageRoot, LOCK)
  const deadline = Date.now() + STALE_LOCK_MS
  for (;;) {
    try {
      const fd = openSync(lockFile, "wx")
      writeFileSync(fd, String(process.pid))
      closeSync(fd)
      break
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e
      if (lockIsAbandoned(lockFile)) rmSync(lockFile, { force: true })
      else if (Date.now() > deadline) throw new Error(`@jiritsu/dashboard: another build holds ${lockFile}`)
      else await new Promise((r) => setTimeout(r, 200))
    }
  }
  try {
    await f()
  } finally {
    rmSync(lockFile, { force: true })
  }
}

