import { requireCaller } from '../../_shared/auth'
import { defineFunction } from '../../_shared/handler'
import { bind } from './bind'
import { userSchemas } from './contract'
import { branchSecretaries, buildProfile } from './profile'

export const main = defineFunction('user', userSchemas, {
  async login(_params, ctx) {
    const caller = await requireCaller(ctx)
    return buildProfile(caller.member)
  },

  async me(_params, ctx) {
    const caller = await requireCaller(ctx)
    const [profile, secretaries] = await Promise.all([buildProfile(caller.member), branchSecretaries(caller.branchId)])
    const boundAt = caller.member.boundAt ? new Date(caller.member.boundAt).toISOString() : null
    return { profile, secretaries, boundAt }
  },

  bind,
})
