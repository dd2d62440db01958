import { render } from "preact"
import { App } from "./App.tsx"
import "./styles.css"

const root = document.getElementById("app")!
// The static "loading" line is for the seconds before the script runs; the app replaces it.
root.replaceChildren()
render(<App />, root)
