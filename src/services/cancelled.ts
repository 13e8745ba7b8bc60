/** True when a WeChat picker failed because the person closed it (`errMsg` "…:fail cancel"), not because of an error. */
export function isCancelled(error: unknown): boolean {
  const msg =
    typeof error === 'object' && error !== null && 'errMsg' in error
      ? String((error as { errMsg: unknown }).errMsg)
      : String(error)
  return /cancel|abort/i.test(msg)
}
