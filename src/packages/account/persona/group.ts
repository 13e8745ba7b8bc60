import type { DevPersona } from '../../../services/personas'

export interface PersonaGroup {
  key: string
  title: string
  people: DevPersona[]
}

/** 院党委 and 支部书记 first (few, and what a visitor most wants to try), then students by branch. */
export function groupPersonas(personas: DevPersona[]): PersonaGroup[] {
  const groups: PersonaGroup[] = []
  const add = (key: string, title: string, people: DevPersona[]) => {
    if (people.length > 0) groups.push({ key, title, people })
  }
  add(
    'committee',
    '院党委',
    personas.filter((p) => p.role === 'committee'),
  )
  add(
    'secretary',
    '支部书记',
    personas.filter((p) => p.role === 'secretary'),
  )
  const students = personas.filter((p) => p.role === 'student')
  const branches = [...new Set(students.map((p) => p.branchName ?? ''))]
  for (const branch of branches) {
    add(
      `student-${branch}`,
      branch ? `学生 · ${branch}` : '学生 · 未编入支部',
      students.filter((p) => (p.branchName ?? '') === branch),
    )
  }
  return groups
}
