import type { PayParams } from './api'

/** How the payment sheet closed. */
export type PayOutcome = { kind: 'paid' } | { kind: 'cancelled' } | { kind: 'failed'; message: string }

export type RequestPayment = (payment: PayParams) => Promise<PayOutcome>
