/** What a function call sends: its params with the action's name (one place: call.ts and index.html's early call). */
export function callData(action: string, params?: object): Record<string, unknown> {
  return { ...params, action }
}
