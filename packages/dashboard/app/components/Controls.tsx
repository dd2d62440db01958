/** The controls above a page's figures (date, fiscal year, month, plan); each is a labelled field. */
import type { ComponentChildren } from "preact"
import { useEffect, useState } from "preact/hooks"
import { format, type Lang } from "../i18n/Messages.ts"

export function Controls(props: { readonly lang: Lang; readonly onApply: (values: Readonly<Record<string, string>>) => void; readonly children: ComponentChildren; readonly label: string }) {
  const submit = (e: Event) => {
    e.preventDefault()
    const data = new FormData(e.currentTarget as HTMLFormElement)
    props.onApply(Object.fromEntries([...data.entries()].map(([k, v]) => [k, String(v)])))
  }
  return (
    <form class="controls" onSubmit={submit} aria-label={props.label} data-testid="controls">
      {props.children}
      <button type="submit">{format(props.lang, "apply")}</button>
    </form>
  )
}

export function DateField(props: { readonly name: string; readonly label: string; readonly value: string }) {
  const [value, setValue] = useState(props.value)
  useEffect(() => setValue(props.value), [props.value])
  const id = `field-${props.name}`
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <input id={id} name={props.name} type="date" required value={value} onInput={(e) => setValue((e.target as HTMLInputElement).value)} />
    </div>
  )
}

export function SelectField(props: { readonly name: string; readonly label: string; readonly value: string; readonly options: ReadonlyArray<{ readonly value: string; readonly label: string }> }) {
  const [value, setValue] = useState(props.value)
  useEffect(() => setValue(props.value), [props.value])
  const id = `field-${props.name}`
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <select id={id} name={props.name} value={value} onChange={(e) => setValue((e.target as HTMLSelectElement).value)}>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  )
}
