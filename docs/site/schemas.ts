// The file-format reference: one page per JSON Schema a package publishes (found in its export
// map), with every field as a row (path, type, required, allowed values, description) and the
// schema itself, plus an index page. Generated and checked in; a test regenerates and compares.
import { readFileSync } from "node:fs"
import { basename } from "node:path"
import { type DocumentedPackage, type PublishedSchema, repoRoot, schemasOf } from "./packages.ts"

type Json = { readonly [k: string]: unknown }

export const schemaPageName = (s: PublishedSchema): string => basename(s.file).replace(/\.schema\.json$/, "")

const cell = (s: string): string => s.replace(/\|/g, "\\|").replace(/\n/g, " ")

const resolveRef = (root: Json, node: Json): Json => {
  const ref = node.$ref
  if (typeof ref !== "string" || !ref.startsWith("#/")) return node
  let at: unknown = root
  for (const part of ref.slice(2).split("/")) at = (at as Json)[part.replace(/~1/g, "/").replace(/~0/g, "~")]
  return resolveRef(root, at as Json)
}

const typeOf = (root: Json, raw: Json): string => {
  const node = resolveRef(root, raw)
  if (Array.isArray(node.enum)) return node.enum.map((v) => `\`${JSON.stringify(v)}\``).join(" | ")
  if ("const" in node) return `\`${JSON.stringify(node.const)}\``
  const alternatives = (node.anyOf ?? node.oneOf) as ReadonlyArray<Json> | undefined
  if (alternatives !== undefined) return alternatives.map((a) => typeOf(root, a)).join(" | ")
  const type = Array.isArray(node.type) ? node.type.join(" | ") : typeof node.type === "string" ? node.type : "any"
  if (type === "array" && node.items !== undefined) return `array of ${typeOf(root, node.items as Json)}`
  const details = [
    typeof node.format === "string" ? `format ${node.format}` : undefined,
    typeof node.minLength === "number" && node.minLength > 0 ? "non-empty" : undefined,
    typeof node.minimum === "number" ? `≥ ${node.minimum}` : undefined,
    typeof node.maximum === "number" ? `≤ ${node.maximum}` : undefined,
    type === "object" && node.additionalProperties !== undefined && node.additionalProperties !== false && node.properties === undefined ? "map" : undefined
  ].filter((d) => d !== undefined)
  return details.length === 0 ? type : `${type} (${details.join(", ")})`
}

interface Row {
  readonly path: string
  readonly type: string
  readonly required: boolean
  readonly description: string
}

// Objects are walked into (arrays as `[]`, maps as `{name}`), up to a depth that keeps the table
// readable; the full schema is on the page below the table.
const rowsOf = (root: Json, raw: Json, prefix: string, depth: number): ReadonlyArray<Row> => {
  const node = resolveRef(root, raw)
  if (depth > 6) return []
  if (node.type === "array" && node.items !== undefined) return rowsOf(root, node.items as Json, `${prefix}[]`, depth + 1)
  const alternatives = (node.anyOf ?? node.oneOf) as ReadonlyArray<Json> | undefined
  if (alternatives !== undefined) {
    const objects = alternatives.map((a) => resolveRef(root, a)).filter((a) => a.properties !== undefined)
    return objects.length === 1 ? rowsOf(root, objects[0]!, prefix, depth + 1) : []
  }
  const properties = node.properties as Record<string, Json> | undefined
  const rows: Array<Row> = []
  if (properties !== undefined) {
    const required = new Set((node.required as ReadonlyArray<string> | undefined) ?? [])
    for (const [name, child] of Object.entries(properties)) {
      const path = prefix === "" ? name : `${prefix}.${name}`
      const resolved = resolveRef(root, child)
      rows.push({ path, type: typeOf(root, child), required: required.has(name), description: typeof resolved.description === "string" ? resolved.description : "" })
      rows.push(...rowsOf(root, child, path, depth + 1))
    }
  } else if (typeof node.additionalProperties === "object" && node.additionalProperties !== null) {
    rows.push(...rowsOf(root, node.additionalProperties as Json, `${prefix}{name}`, depth + 1))
  }
  return rows
}

/** The Markdown page of one published JSON Schema. */
export const schemaPage = (s: PublishedSchema): string => {
  const text = readFileSync(`${repoRoot}/${s.file}`, "utf8")
  const schema = JSON.parse(text) as Json
  const root = resolveRef(schema, schema)
  const rows = rowsOf(schema, root, "", 0)
  const closed = root.additionalProperties === false
  return [
    `# ${typeof schema.title === "string" ? schema.title : schemaPageName(s)}`,
    "",
    "<!-- Generated from the package's JSON Schema by `pnpm docs:gen`. Do not edit by hand: a test compares this file with the schema. -->",
    "",
    `- package export: \`${s.specifier}\` (file \`${s.file}\`)`,
    ...(typeof schema.$id === "string" ? [`- \`$id\`: \`${schema.$id}\``] : []),
    `- JSON Schema dialect: \`${typeof schema.$schema === "string" ? schema.$schema : "unspecified"}\``,
    ...(typeof root.description === "string" ? ["", root.description] : []),
    "",
    "Point an editor at the schema with a `$schema` key in the file, e.g. (the path from the file to the installed package):",
    "",
    "```json",
    `{ "$schema": "./node_modules/${s.specifier.replace(/\/[^/]+$/, "")}/${s.file.split("/").slice(2).join("/")}" }`,
    "```",
    "",
    closed ? "The format is strict: a key that is not listed below is an error (`additionalProperties: false`)." : "",
    "",
    "## Fields",
    "",
    "| field | type | required | description |",
    "|---|---|---|---|",
    ...rows.map((r) => `| \`${r.path}\` | ${cell(r.type)} | ${r.required ? "yes" : ""} | ${cell(r.description)} |`),
    "",
    "## The schema",
    "",
    "```json",
    text.replace(/\n+$/, ""),
    "```",
    ""
  ].join("\n")
}

/** The index of every published schema. */
export const schemasIndex = (all: ReadonlyArray<PublishedSchema>): string =>
  [
    "# File formats (JSON Schema)",
    "",
    "<!-- Generated from the packages' export maps by `pnpm docs:gen`. Do not edit by hand. -->",
    "",
    "Every file a user writes or a tool exchanges has a versioned format with a JSON Schema that ships",
    "with its package. The loaders check the same rules as the schema and report each problem with its",
    "file, line and column ([Extending the catalogue](../../guides/extending-the-catalogue.md)).",
    "",
    "| format | package export | page |",
    "|---|---|---|",
    ...all.map((s) => {
      const title = (JSON.parse(readFileSync(`${repoRoot}/${s.file}`, "utf8")) as Json).title
      return `| ${cell(typeof title === "string" ? title : schemaPageName(s))} | \`${s.specifier}\` | [${schemaPageName(s)}](${schemaPageName(s)}.md) |`
    }),
    ""
  ].join("\n")

export const allSchemas = (pkgs: ReadonlyArray<DocumentedPackage>): ReadonlyArray<PublishedSchema> => pkgs.flatMap(schemasOf)
