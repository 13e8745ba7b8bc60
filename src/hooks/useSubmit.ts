import type { CallFailure, CallResult } from '../services/call'
import { toastSuccess } from '../services/feedback'
import { useAction } from './useCall'

/**
 * A form's submit: `useAction` (one at a time, failures toast) that, once the server accepted, says `done`
 * and then runs `then` (reset the form, reload the list, go back). `{ toast: false }`: the form shows the
 * last `failure` itself (InlineSubmit) instead of a toast.
 */
export function useSubmit<T>(
  call: () => Promise<CallResult<T>>,
  done: string | ((data: T) => string),
  then: (data: T) => void,
  options: { toast?: boolean } = {},
): { pending: boolean; failure?: CallFailure; submit: () => void } {
  const action = useAction(call, options)
  const submit = () =>
    void action.run().then((r) => {
      if (!r.ok) return
      toastSuccess(typeof done === 'string' ? done : done(r.data))
      then(r.data)
    })
  return { pending: action.pending, failure: action.failure, submit }
}
