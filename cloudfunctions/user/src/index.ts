import { requireCaller } from '../../_shared/auth'
import { defineFunction } from '../../_shared/handler'
import { bind } from './bind'
import { userSchemas } from './contract'
import { branchSecretaries, buildProfile, loadPlaces, profileOf } from './profile'

export const main = defineFunction('user', userSchemas, {
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
})
