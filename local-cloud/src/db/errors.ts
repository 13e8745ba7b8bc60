/**
 * Errors the engine answers in the SDK's error shape `{ code, message, requestId }`. The SDK throws any
 * reply with a truthy `code`; wx-server-sdk then maps `code` to `errCode` through its TCB_ERR_CODE table
 * (unknown codes become -501001).
 */

export type DbErrorCode =
  | 'DATABASE_COLLECTION_NOT_EXIST' // -502005
  | 'DATABASE_COLLECTION_ALREADY_EXIST' // not in the table: -501001, like the real "Table exist"
  | 'DATABASE_REQUEST_FAILED' // -502001 (duplicate key is reported this way by the real cloud)
  | 'DATABASE_INVALID_OPERRATOR' // -502002 (sic, the SDK's spelling)
  | 'DATABASE_TRANSACTION_CONFLICT' // runTransaction retries on exactly this code
  | 'INVALID_PARAM' // -501007
  | 'SYS_ERR' // -501001

export class DbError extends Error {
  constructor(
    readonly code: DbErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'DbError'
  }
}

export function collectionNotExist(name: string): DbError {
  return new DbError(
    'DATABASE_COLLECTION_NOT_EXIST',
    `[ResourceNotFound] Db or Table not exist: ${name}. Please check your request, but if the problem persists, contact us.`,
  )
}

export function duplicateKey(collection: string, index: string, fields: Record<string, unknown>): DbError {
  const shown = Object.entries(fields)
    .map(([field, value]) => `${field}: ${JSON.stringify(value)}`)
    .join(', ')
  return new DbError(
    'DATABASE_REQUEST_FAILED',
    `[FailedOperation] E11000 duplicate key error collection: ${collection} index: ${index} dup key: { ${shown} }`,
  )
}

export function transactionConflict(): DbError {
  return new DbError(
    'DATABASE_TRANSACTION_CONFLICT',
    '[ResourceUnavailable.TransactionConflict] Transaction is conflicted, maybe resource operated by others. Please check your request, but if the problem persists, contact us.',
  )
}

export function invalidParam(message: string): DbError {
  return new DbError('INVALID_PARAM', `[InvalidParameter] ${message}`)
}

/** Turns anything thrown while answering into a DbError; query-language errors from mingo become operator errors. */
export function toDbError(error: unknown): DbError {
  if (error instanceof DbError) return error
  const message = error instanceof Error ? error.message : String(error)
  if (/unknown|not supported|invalid|operator|must|expect/i.test(message)) {
    return new DbError('DATABASE_INVALID_OPERRATOR', `[InvalidParameter] ${message}`)
  }
  return new DbError('SYS_ERR', `[InternalError] ${message}`)
}
