import { getCloud } from './cloud'

/** getTempFileURL takes at most 50 files a call. */
const TEMP_URL_BATCH = 50

interface TempUrlAnswer {
  fileList?: { fileID: string; tempFileURL?: string; status?: number }[]
}

/**
 * Temporary download URLs for stored files, in parallel batches (storage requests, not database ones).
 * Empty entries are skipped; a file that is missing or failed has no entry, so callers fall back.
 */
export async function tempUrls(
  fileIDs: readonly (string | null | undefined)[],
  maxAgeSeconds = 2 * 60 * 60,
): Promise<Map<string, string>> {
  const wanted = [...new Set(fileIDs.filter((f): f is string => typeof f === 'string' && f.length > 0))]
  const batches: string[][] = []
  for (let i = 0; i < wanted.length; i += TEMP_URL_BATCH) batches.push(wanted.slice(i, i + TEMP_URL_BATCH))
  const answers = await Promise.all(
    batches.map(
      (batch) =>
        getCloud().getTempFileURL({
          fileList: batch.map((fileID) => ({ fileID, maxAge: maxAgeSeconds })),
        }) as Promise<TempUrlAnswer>,
    ),
  )
  const urls = new Map<string, string>()
  for (const f of answers.flatMap((a) => a.fileList ?? [])) {
    if ((f.status === undefined || f.status === 0) && f.tempFileURL) urls.set(f.fileID, f.tempFileURL)
  }
  return urls
}
