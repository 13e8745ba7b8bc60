/**
 * Temporary URLs of article media (covers, images, videos), kept by this function instance. Every
 * reader of the feed sees the same few covers, so a warm instance answers them without a storage
 * request. A URL is handed out again only while it stays valid for at least `minLeftMs`: a card shown
 * now still loads its cover when the reader scrolls to it later. Callers check that the reader may
 * read the article before asking for its media, as they did for a fresh URL.
 */

export type FetchUrls = (fileIDs: string[]) => Promise<Map<string, string>>

export interface MediaUrlOptions {
  /** How long a fetched URL stays valid (the maxAge it was requested with). */
  validMs: number
  /** A kept URL is reused only while at least this much of its validity remains. */
  minLeftMs: number
  /** URLs kept at most; the oldest go first. */
  max: number
}

export class MediaUrls {
  private readonly kept = new Map<string, { url: string; until: number }>()

  constructor(
    private readonly fetch: FetchUrls,
    private readonly opts: MediaUrlOptions,
    private readonly clock: () => number = Date.now,
  ) {}

  /** URLs of the given files (empty entries skipped; a missing file has no entry, as with a fresh request). */
  async of(fileIDs: readonly (string | null | undefined)[]): Promise<Map<string, string>> {
    const now = this.clock()
    const urls = new Map<string, string>()
    const missing: string[] = []
    for (const id of new Set(fileIDs)) {
      if (!id) continue
      const kept = this.kept.get(id)
      if (kept && kept.until - now >= this.opts.minLeftMs) urls.set(id, kept.url)
      else missing.push(id)
    }
    if (missing.length === 0) return urls
    // Validity counts from before the request: the storage signs its URLs a little later.
    for (const [id, url] of await this.fetch(missing)) {
      urls.set(id, url)
      this.keep(id, url, now + this.opts.validMs)
    }
    return urls
  }

  private keep(id: string, url: string, until: number): void {
    this.kept.delete(id)
    this.kept.set(id, { url, until })
    for (const oldest of this.kept.keys()) {
      if (this.kept.size <= this.opts.max) break
      this.kept.delete(oldest)
    }
  }
}
