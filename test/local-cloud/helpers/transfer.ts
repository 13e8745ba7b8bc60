import type { Database } from './db-server'

/**
 * Inside a transaction, moves `amount` of `balance` between two documents of `collection`: a read of the payer,
 * then a write of its new balance and an increment of the payee (`_`: the database's command).
 */
export async function transfer(
  t: Database,
  _: Database['command'],
  collection: string,
  from: string,
  to: string,
  amount: number,
): Promise<void> {
  const payer = ((await t.collection(collection).doc(from).get()) as { data: Record<string, unknown> }).data
  await t
    .collection(collection)
    .doc(from)
    .update({ data: { balance: (payer.balance as number) - amount } })
  await t
    .collection(collection)
    .doc(to)
    .update({ data: { balance: _.inc(amount) } })
}
