// Where each value of a JSON text starts (line and column, 1-based), keyed by its path, so that a
// problem found by a Schema in a configuration file can be reported at its place in the file.
// The text must already be valid JSON (JSON.parse has accepted it).

export interface Position {
  readonly line: number
  readonly column: number
}

const key = (path: ReadonlyArray<string | number>): string => JSON.stringify(path)

export const positions = (text: string): ReadonlyMap<string, Position> => {
  const out = new Map<string, Position>()
  let i = 0
  let line = 1
  let lineStart = 0
  const here = (): Position => ({ line, column: i - lineStart + 1 })
  const skip = (): void => {
    while (i < text.length) {
      const c = text[i]
      if (c === "\n") {
        line++
        i++
        lineStart = i
      } else if (c === " " || c === "\t" || c === "\r") i++
      else break
    }
  }
  const string = (): string => {
    const start = i
    i++
    while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1
    i++
    return JSON.parse(text.slice(start, i)) as string
  }
  const value = (path: ReadonlyArray<string | number>): void => {
    skip()
    out.set(key(path), here())
    const c = text[i]
    if (c === "{") {
      i++
      skip()
      if (text[i] === "}") {
        i++
        return
      }
      for (;;) {
        skip()
        const keyAt = here()
        const name = string()
        out.set(key([...path, name, "#key"]), keyAt)
        skip()
        i++ // ':'
        value([...path, name])
        skip()
        if (text[i++] === "}") return
      }
    } else if (c === "[") {
      i++
      skip()
      if (text[i] === "]") {
        i++
        return
      }
      for (let n = 0; ; n++) {
        value([...path, n])
        skip()
        if (text[i++] === "]") return
      }
    } else if (c === '"') string()
    else while (i < text.length && !/[\s,\]}]/.test(text[i]!)) i++
  }
  value([])
  return out
}

/** The position of a path: its key (for an object member), else the value, else the nearest enclosing value. */
export const positionOf = (map: ReadonlyMap<string, Position>, path: ReadonlyArray<string | number>): Position => {
  for (let n = path.length; n >= 0; n--) {
    const prefix = path.slice(0, n)
    const last = prefix[prefix.length - 1]
    const atKey = typeof last === "string" ? map.get(key([...prefix, "#key"])) : undefined
    const p = atKey ?? map.get(key(prefix))
    if (p !== undefined) return p
  }
  return { line: 1, column: 1 }
}
