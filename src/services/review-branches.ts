/** Branches the committee picked from on the 汇报 tab, kept for the overdue page (same session). */
export const reviewBranches: { list: { id: string; name: string }[] } = { list: [] }
