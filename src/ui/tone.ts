/** The colour of a status pill: red to act on, green done, amber waiting, grey neutral. */
export type Tone = 'red' | 'green' | 'amber' | 'grey'
