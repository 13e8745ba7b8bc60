import { defineFunction } from '../../_shared/handler'
import { saveDraft, submit, subscribe } from './author'
import { reportSchemas } from './contract'
import { savePhrases } from './phrases'
import { get, listMine, schedule } from './read'
import { nudge } from './nudge'
import { remind } from './remind'
import { listForReview, overdue, review } from './review'

const handle = defineFunction('report', reportSchemas, {
  saveDraft,
  submit,
  listMine,
  get,
  listForReview,
  review,
  schedule,
  overdue,
  subscribe,
  savePhrases,
  remind,
  nudge,
})

/** A timer trigger calls with `{ Type: 'Timer', TriggerName }` and no action: that is the reminder job. */
function isTimerEvent(event: unknown): boolean {
  return typeof event === 'object' && event !== null && (event as { Type?: unknown }).Type === 'Timer' && !('action' in event)
}

export async function main(event: unknown): ReturnType<typeof handle> {
  return handle(isTimerEvent(event) ? { action: 'remind' } : event)
}
