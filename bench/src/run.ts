// `pnpm bench <area>`: runs one area's benchmark (or all of them with no argument).
const areas = ["eligibility", "stages", "targets", "bridge", "sim", "postgres", "rest", "dashboard"] as const

const requested = process.argv.slice(2).filter((a) => a !== "--")
const selected = requested.length === 0 ? areas : requested
for (const area of selected) {
  if (!(areas as ReadonlyArray<string>).includes(area)) {
    console.error(`unknown bench area "${area}"; known: ${areas.join(", ")}`)
    process.exit(2)
  }
  const mod = (await import(`./${area}.ts`)) as { readonly main: () => Promise<void> }
  await mod.main()
}
