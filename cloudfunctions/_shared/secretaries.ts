import { command, findMany, updateWhere } from './db'
import type { BranchDoc, MemberDoc } from './models'

export type SecretaryRow = Pick<MemberDoc, '_id' | 'name' | 'studentNo' | 'branchId' | 'roles'>

type Listed = Pick<BranchDoc, '_id' | 'secretaryIds'>

const FIELDS = { name: true, studentNo: true, branchId: true, roles: true }

/**
 * The secretaries the branches' `secretaryIds` name, branch by branch in appointment order: one read by
 * `_id`, each member checked against their own roles and branch (the truth). For branches that all
 * carry `secretaryIds`.
 */
export async function listedSecretaries(branches: Listed[]): Promise<SecretaryRow[]> {
  const ids = branches.flatMap((b) => b.secretaryIds ?? [])
  if (ids.length === 0) return []
  const found = await findMany<SecretaryRow>(
    'members',
    { _id: command().in(ids) },
    { limit: ids.length, fields: FIELDS },
  )
  const byId = new Map(found.map((m) => [m._id, m]))
  return branches.flatMap((b) =>
    (b.secretaryIds ?? [])
      .map((id) => byId.get(id))
      .filter((m): m is SecretaryRow => m !== undefined && m.branchId === b._id && m.roles.includes('secretary')),
  )
}

/**
 * The secretaries of a branch. A branch saved before `secretaryIds` existed is looked up once by role
 * (every member of the branch is read: roles is an array, which indexes cannot serve exactly) and the
 * field is filled, only if still absent, so a concurrent saveBranch always wins.
 */
export async function secretariesOfBranch(branch: Listed): Promise<SecretaryRow[]> {
  if (Array.isArray(branch.secretaryIds)) return listedSecretaries([branch])
  const found = await findMany<SecretaryRow>(
    'members',
    { branchId: branch._id, roles: 'secretary' },
    { limit: 100, fields: FIELDS },
  )
  await updateWhere(
    'branches',
    { _id: branch._id, secretaryIds: command().exists(false) },
    { secretaryIds: found.map((m) => m._id) },
  )
  return found
}
