import fs from 'node:fs/promises'
import { appendLineDurable } from '../fs-durable'
import { isNotFound } from '../storage/file-store'

export interface OutboxMessage {
  touser: string
  templateId: string
  page: string
  data: Record<string, unknown>
  miniprogramState: string
  /** ISO 8601 time the function sent it. */
  sentAt: string
}

/** Every subscribe message the functions "sent", kept durably in `<dataDir>/outbox.jsonl`. */
export class Outbox {
  private chain: Promise<void> = Promise.resolve()

  private constructor(
    private readonly file: string,
    private readonly messages: OutboxMessage[],
  ) {}

  static async open(file: string): Promise<Outbox> {
    return new Outbox(file, await readJsonLines(file))
  }

  /** Resolves once the message is on disk (fsync'd); appends are serialized so lines never interleave. */
  append(message: OutboxMessage): Promise<void> {
    const write = this.chain.then(() => appendLineDurable(this.file, JSON.stringify(message)))
    this.chain = write.catch(() => undefined)
    return write.then(() => {
      this.messages.push(message)
    })
  }

  list(): OutboxMessage[] {
    return [...this.messages]
  }

  async flush(): Promise<void> {
    await this.chain
  }
}

async function readJsonLines(file: string): Promise<OutboxMessage[]> {
  let text: string
  try {
    text = await fs.readFile(file, 'utf8')
  } catch (e) {
    if (isNotFound(e)) return []
    throw e
  }
  const out: OutboxMessage[] = []
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue
    try {
      out.push(JSON.parse(line) as OutboxMessage)
    } catch {
      // A torn last line from a crash mid-write: that send was never acknowledged, so skip it.
    }
  }
  return out
}
