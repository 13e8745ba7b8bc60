import { command, findMany } from '../../_shared/db'
import { STAGE_LABELS } from '../../_shared/domain'
import type { CallContext } from '../../_shared/handler'
import { tempUrls } from '../../_shared/storage'
import { callerWithCollege } from './access'
import { openAway } from './away'
import type { HomeResult } from './contract'
import {
  awayView,
  careSettingsOf,
  contactView,
  isPartyMember,
  settingsView,
  transferView,
  type ContactDoc,
  type TransferDoc,
} from './model'

const CONTACTS_SHOWN = 10

/**
 * The member's own page: their registration away with its recent contacts, and their transfers.
 * Caller with college and branch; the open registration and the transfers in parallel; its contacts.
 */
export async function home(_params: Record<string, never>, ctx: CallContext): Promise<HomeResult> {
  const caller = await callerWithCollege(ctx)
  const settings = careSettingsOf(caller.college)
  const [away, transfers] = await Promise.all([
    openAway(caller.memberId),
    findMany<TransferDoc>(
      'careTransfers',
      { memberId: caller.memberId, status: command().in(['applied', 'returned', 'approved', 'issued', 'completed']) },
      { orderBy: [['appliedAt', 'desc']], limit: 10 },
    ),
  ])
  const contacts = away
    ? await findMany<ContactDoc & { _id: string }>(
        'careContacts',
        { awayId: away._id },
        { orderBy: [['at', 'desc']], limit: CONTACTS_SHOWN },
      )
    : []
  const urls = await tempUrls(contacts.map((c) => c.photo))
  const [current, ...past] = transfers
  const active = current && current.status !== 'completed' ? current : null
  return {
    name: caller.member.name,
    stageLabel: STAGE_LABELS[caller.member.stage],
    isPartyMember: isPartyMember(caller.member),
    inBranch: caller.branchId !== null,
    away: away ? awayView(away, settings, ctx.now) : null,
    contacts: contacts.map((c) => contactView(c, c.photo ? (urls.get(c.photo) ?? null) : null)),
    transfer: active ? transferView(active, ctx.now) : null,
    pastTransfers: (active ? past : transfers)
      .filter((t) => t.status === 'completed')
      .map((t) => transferView(t, ctx.now)),
    settings: settingsView(settings),
  }
}
