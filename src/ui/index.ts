/** The app's shared primitives: import them from here (`src/ui`), style them only in ui.scss (prefix zu-). */
export { ErrorView, LoadingView, NoticeView, type NoticeAction, type Refusal } from './state'
export { Empty, Field, MultiChips, Pill, Segmented, Stepper, type Tone } from './primitives'
export { ListFooter, MoreButton } from './lists'
