import type { LocalDatabase } from '../db/index'

export type PersonaRole = 'student' | 'secretary' | 'committee'

export interface Persona {
  openid: string
  name: string
  role: PersonaRole
  branchId: string | null
  branchName: string | null
  stage: string | null
  studentNo: string | null
  memberId: string
}

const ROLE_RANK: Record<PersonaRole, number> = { committee: 0, secretary: 1, student: 2 }

/** The seeded people one can act as in the H5 app: members that have a binding (an openid). */
export async function listPersonas(db: LocalDatabase): Promise<Persona[]> {
  const [members, bindings, branches] = await Promise.all([
    findOrEmpty(db, 'members'),
    findOrEmpty(db, 'bindings'),
    findOrEmpty(db, 'branches'),
  ])
  const memberById = new Map(members.map((m) => [String(m._id), m]))
  const branchName = new Map(branches.map((b) => [String(b._id), str(b.name)]))
  const personas: Persona[] = []
  for (const binding of bindings) {
    const member = memberById.get(String(binding.memberId))
    if (!member) continue
    const branchId = str(member.branchId)
    personas.push({
      openid: String(binding._id),
      name: str(member.name) ?? '',
      role: roleOf(member.roles),
      branchId,
      branchName: branchId ? (branchName.get(branchId) ?? null) : null,
      stage: str(member.stage),
      studentNo: str(member.studentNo),
      memberId: String(member._id),
    })
  }
  return personas.sort(byRoleBranchAndNumber)
}

/** The highest role wins: committee, then secretary, else student. */
export function roleOf(roles: unknown): PersonaRole {
  const list = Array.isArray(roles) ? roles : []
  if (list.includes('committee')) return 'committee'
  if (list.includes('secretary')) return 'secretary'
  return 'student'
}

function byRoleBranchAndNumber(a: Persona, b: Persona): number {
  return (
    ROLE_RANK[a.role] - ROLE_RANK[b.role] ||
    (a.branchId ?? '').localeCompare(b.branchId ?? '') ||
    (a.studentNo ?? '').localeCompare(b.studentNo ?? '')
  )
}

async function findOrEmpty(db: LocalDatabase, collection: string): Promise<Record<string, unknown>[]> {
  try {
    return await db.find(collection, {})
  } catch {
    return []
  }
}

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null
}
