// `npm start` (root) runs this after the eligibility demo: one person through the integrated desk.
import { formatDesk, runDesk } from "./desk.ts"

console.log(formatDesk(runDesk()))
