import { Card } from '../../components/Card'
import type { Profile } from '../../services/api'
import { LinkRow } from '../../ui'

export function OrgCard({ profile, secretaries }: { profile: Profile; secretaries: string[] }) {
  const rows: [string, string][] = [
    ['学院', profile.college.name || '—'],
    ['党支部', profile.branch?.name ?? (profile.primaryRole === 'committee' ? '全院各支部' : '暂未编入支部')],
  ]
  if (profile.branch) rows.push(['支部书记', secretaries.length > 0 ? secretaries.join('、') : '暂未设置'])
  if (profile.studentNo) rows.push(['学号', profile.studentNo])
  if (profile.className) rows.push(['班级', profile.className])
  return (
    <Card title='所在组织' className='zb-me-org'>
      {rows.map(([title, value]) => (
        <LinkRow key={title} title={title} extra={value} />
      ))}
    </Card>
  )
}
