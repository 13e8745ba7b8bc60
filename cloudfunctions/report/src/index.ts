import { defineFunction } from '../../_shared/handler'
import { saveDraft, submit, subscribe } from './author'
import { reportSchemas, type ReportContract } from './contract'
import { savePhrases } from './phrases'
import { get, listMine, schedule } from './read'
import { nudge } from './nudge'
import { remind } from './remind'
import { listForReview, overdue, review } from './review'

// Timer job: the reportReminder trigger (daily, 09:00) sends the due reminders.
export const main = defineFunction<ReportContract>(
  'report',
  reportSchemas,
  {
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
    nudge,
  },
  { remind },
)
