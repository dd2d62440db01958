// The REST reference: the Markdown of an OpenAPI 3.x document — the one the service serves at
// `/openapi.json` (effect's `OpenApi.fromApi(Api)`) — grouped by tag: every operation with its
// method and path, summary and description, parameters, request body, responses, security, and
// the component schemas with their fields.

type Json = { readonly [k: string]: unknown }

const cell = (s: string): string => s.replace(/\|/g, "\\|").replace(/\r?\n+/g, " ").trim()

const METHODS = ["get", "put", "post", "patch", "delete", "head", "options", "trace"] as const

const refName = (ref: string): string => ref.slice(ref.lastIndexOf("/") + 1)

/** The anchor of a component schema's section. */
export const schemaAnchor = (name: string): string => `schema-${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`

/** The anchor of an operation's section. */
export const operationAnchor = (method: string, path: string): string => `${method}-${path}`.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/-+$/, "")

const typeOf = (node: Json | undefined): string => {
  if (node === undefined) return ""
  if (typeof node.$ref === "string") return `[${refName(node.$ref)}](#${schemaAnchor(refName(node.$ref))})`
  if (Array.isArray(node.enum)) return node.enum.map((v) => `\`${JSON.stringify(v)}\``).join(" | ")
  if ("const" in node) return `\`${JSON.stringify(node.const)}\``
  const alternatives = (node.anyOf ?? node.oneOf ?? node.allOf) as ReadonlyArray<Json> | undefined
  if (alternatives !== undefined) return alternatives.map(typeOf).join(node.allOf !== undefined ? " & " : " | ")
  const type = Array.isArray(node.type) ? node.type.join(" | ") : typeof node.type === "string" ? node.type : "any"
  if (type === "array") return `array of ${typeOf(node.items as Json | undefined)}`
  return typeof node.format === "string" ? `${type} (${node.format})` : type
}

const contentLines = (content: Json | undefined): ReadonlyArray<string> =>
  content === undefined ? [] : Object.entries(content as Record<string, Json>).map(([mime, media]) => `\`${mime}\`: ${typeOf(media.schema as Json | undefined)}`)

const operationSection = (method: string, path: string, op: Json): ReadonlyArray<string> => {
  const parameters = (op.parameters as ReadonlyArray<Json> | undefined) ?? []
  const body = op.requestBody as Json | undefined
  const responses = (op.responses as Record<string, Json> | undefined) ?? {}
  const security = op.security as ReadonlyArray<Record<string, unknown>> | undefined
  return [
    "",
    `<a id="${operationAnchor(method, path)}"></a>`,
    "",
    `### \`${method.toUpperCase()} ${path}\``,
    "",
    ...(typeof op.summary === "string" ? [op.summary, ""] : []),
    ...(typeof op.description === "string" && op.description !== op.summary ? [op.description, ""] : []),
    ...(typeof op.operationId === "string" ? [`Operation id: \`${op.operationId}\``, ""] : []),
    ...(security === undefined || security.length === 0 ? [] : [`Security: ${security.map((s) => Object.keys(s).map((k) => `\`${k}\``).join(" + ")).join(" or ")}`, ""]),
    ...(parameters.length === 0
      ? []
      : [
          "| parameter | in | type | required | description |",
          "|---|---|---|---|---|",
          ...parameters.map((p) => `| \`${String(p.name)}\` | ${String(p.in)} | ${cell(typeOf(p.schema as Json | undefined))} | ${p.required === true ? "yes" : ""} | ${cell(typeof p.description === "string" ? p.description : "")} |`),
          ""
        ]),
    ...(body === undefined ? [] : [`Request body${body.required === true ? " (required)" : ""}: ${contentLines(body.content as Json | undefined).join("; ")}`, ""]),
    "| status | description | body |",
    "|---|---|---|",
    ...Object.entries(responses).map(([status, r]) => `| ${status} | ${cell(typeof r.description === "string" ? r.description : "")} | ${cell(contentLines(r.content as Json | undefined).join("; "))} |`)
  ]
}

const schemaSection = (name: string, schema: Json): ReadonlyArray<string> => {
  const properties = (schema.properties as Record<string, Json> | undefined) ?? {}
  const required = new Set((schema.required as ReadonlyArray<string> | undefined) ?? [])
  return [
    "",
    `<a id="${schemaAnchor(name)}"></a>`,
    "",
    `### ${name}`,
    "",
    ...(typeof schema.description === "string" ? [cell(schema.description), ""] : []),
    ...(Object.keys(properties).length === 0
      ? [`Type: ${cell(typeOf(schema))}`]
      : [
          "| field | type | required | description |",
          "|---|---|---|---|",
          ...Object.entries(properties).map(([field, p]) => `| \`${field}\` | ${cell(typeOf(p))} | ${required.has(field) ? "yes" : ""} | ${cell(typeof p.description === "string" ? p.description : "")} |`)
        ])
  ]
}

/** The Markdown page of an OpenAPI document (deterministic: same document, same text). */
export const restMarkdown = (document: unknown): string => {
  const doc = document as Json
  const info = (doc.info as Json | undefined) ?? {}
  const paths = (doc.paths as Record<string, Json> | undefined) ?? {}
  const operations = Object.entries(paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m] !== undefined).map((method) => ({ method, path, op: item[method] as Json, tag: ((item[method] as Json).tags as ReadonlyArray<string> | undefined)?.[0] ?? "other" }))
  )
  const tags = [...new Set(operations.map((o) => o.tag))]
  const tagDescriptions = new Map(((doc.tags as ReadonlyArray<Json> | undefined) ?? []).map((t) => [String(t.name), typeof t.description === "string" ? t.description : ""]))
  const schemes = ((doc.components as Json | undefined)?.securitySchemes as Record<string, Json> | undefined) ?? {}
  const schemas = ((doc.components as Json | undefined)?.schemas as Record<string, Json> | undefined) ?? {}
  return [
    `# REST API: ${String(info.title ?? "")}`,
    "",
    "<!-- Generated from the service's OpenAPI document (/openapi.json) by `pnpm docs:gen`. Do not edit by hand: a test compares this file with the API. -->",
    "",
    `OpenAPI ${String(doc.openapi ?? "")}, API version ${String(info.version ?? "")}. The running service serves the same document at \`/openapi.json\`.`,
    ...(typeof info.description === "string" ? ["", info.description] : []),
    "",
    "## Operations",
    "",
    "| method | path | summary |",
    "|---|---|---|",
    ...operations.map((o) => `| ${o.method.toUpperCase()} | [\`${o.path}\`](#${operationAnchor(o.method, o.path)}) | ${cell(typeof o.op.summary === "string" ? o.op.summary : "")} |`),
    ...(Object.keys(schemes).length === 0
      ? []
      : ["", "## Security schemes", "", ...Object.entries(schemes).map(([name, s]) => `- \`${name}\`: ${String(s.type)}${typeof s.scheme === "string" ? ` (${s.scheme})` : ""}${typeof s.description === "string" ? ` — ${cell(s.description)}` : ""}`)]),
    ...tags.flatMap((tag) => [
      "",
      `## ${tag}`,
      ...(tagDescriptions.get(tag) ? ["", tagDescriptions.get(tag)!] : []),
      ...operations.filter((o) => o.tag === tag).flatMap((o) => operationSection(o.method, o.path, o.op))
    ]),
    ...(Object.keys(schemas).length === 0 ? [] : ["", "## Schemas", ...Object.entries(schemas).flatMap(([name, s]) => schemaSection(name, s))]),
    ""
  ].join("\n")
}

/** The page shown while no registered package serves an OpenAPI document. */
export const restPlaceholder = (): string =>
  [
    "# REST API",
    "",
    "<!-- Generated by `pnpm docs:gen`. Do not edit by hand. -->",
    "",
    "The reference of the REST service (`@jiritsu/rest`) is generated from the OpenAPI document it serves",
    "at `/openapi.json`. No package of this checkout registers one yet (`docs/site/packages.ts`, field",
    "`openapi`); the page fills itself once the service's package is registered.",
    ""
  ].join("\n")
