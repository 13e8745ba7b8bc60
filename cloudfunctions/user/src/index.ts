import { requireCaller, requireCallerWith } from '../../_shared/auth'
import { newUploadPath } from '../../_shared/files'
import { defineFunction } from '../../_shared/handler'
import { reserveUploadSpace } from '../../_shared/upload-quota'
import { readSettings } from '../../_shared/settings'
import { bind } from './bind'
import { userSchemas, type UserContract } from './contract'
import { branchSecretaries, buildProfile, loadPlaces, profileOf } from './profile'

export const main = defineFunction<UserContract>('user', userSchemas, {
  async login(_params, ctx) {
    const caller = await requireCaller(ctx)
    return buildProfile(caller.member)
  },

  async me(_params, ctx) {
    const caller = await requireCaller(ctx)
    // Caller, branch and college, then the secretaries by _id from the branch document: four reads.
    const { branch, college } = await loadPlaces(caller.member)
    const profile = profileOf(caller.member, branch, college)
    const secretaries = await branchSecretaries(branch)
    const boundAt = caller.member.boundAt ? new Date(caller.member.boundAt).toISOString() : null
    return { profile, secretaries, boundAt }
  },

  bind,

  async uploadSlot(params, ctx) {
    const caller = await requireCallerWith(ctx, { college: true })
    const settings = readSettings(caller.college)
    await reserveUploadSpace(caller.memberId, params.size, settings.uploadQuotaMb, ctx.now)
    return { cloudPath: newUploadPath(caller.memberId, params.ext, ctx.now) }
  },
})
