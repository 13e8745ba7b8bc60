import { Button, Input } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css'
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { Card } from '../../../components/Card'
import { sessionPage } from '../../../components/SessionPage'
import { QueryView } from '../../../ui'
import { useAction, useQuery } from '../../../hooks/useCall'
import { ROUTES } from '../../../routes'
import { callFunction } from '../../../services/call'
import { STAGE_LABELS, STAGES } from '../../../services/domain'
import { toastSuccess } from '../../../services/feedback'
import type { Branch } from '../../../services/api'
import { go } from '../shared/ui'
import './index.scss'

interface Draft {
  branchId?: string
  name: string
  secretaryNos: string
}

function Editor({ draft, onDone, onCancel }: { draft: Draft; onDone: () => void; onCancel: () => void }) {
  const [name, setName] = useState(draft.name)
  const [nos, setNos] = useState(draft.secretaryNos)
  const save = useAction(
    (d: { branchId?: string; name: string; secretaryNos: string[] }) => callFunction('branch', 'saveBranch', d),
    { toast: false },
  )
  const submit = async () => {
    const secretaryNos = nos
      .split(/[\s,，、;；]+/)
      .map((s) => s.trim())
      .filter(Boolean)
    const res = await save.run({ branchId: draft.branchId, name: name.trim(), secretaryNos })
    if (!res.ok) return
    toastSuccess('已保存')
    onDone()
  }
  return (
    <Card title={draft.branchId ? '修改支部' : '新建支部'}>
      <View className='zbb-field'>
        <Text className='zbb-field__label'>支部名称</Text>
        <Input
          value={name}
          onChange={setName}
          placeholder='如：网络工程本科生党支部'
          maxLength={30}
          data-testid='branch-name'
        />
      </View>
      <View className='zbb-field'>
        <Text className='zbb-field__label'>支部书记（学号）</Text>
        <Input
          value={nos}
          onChange={setNos}
          placeholder='多个学号用逗号分隔，最多 3 人'
          data-testid='branch-secretaries'
        />
        <Text className='zbb-field__hint'>
          书记须是本支部名册中的成员（或尚未编入支部的教师）；去掉的学号将不再担任书记。
        </Text>
      </View>
      {save.failure ? <Text className='zbb-alert zbbr-error'>{save.failure.message}</Text> : null}
      <View className='zbbr-ops'>
        <Button onClick={onCancel}>取消</Button>
        <Button
          type='primary'
          loading={save.pending}
          disabled={name.trim().length < 4}
          onClick={() => void submit()}
          data-testid='branch-save'
        >
          保存
        </Button>
      </View>
    </Card>
  )
}

function BranchCard({ b, canManage, onEdit }: { b: Branch.BranchInfo; canManage: boolean; onEdit: () => void }) {
  return (
    <Card
      title={b.name}
      extra={
        canManage ? (
          <Text className='zbbr-edit' onClick={onEdit}>
            修改
          </Text>
        ) : null
      }
    >
      <View className='zbbr-card' data-testid='branch-card'>
        <Text className='zbbr-line'>
          书记：{b.secretaries.length ? b.secretaries.map((s) => `${s.name}（${s.studentNo}）`).join('、') : '暂未设置'}
        </Text>
        <Text className='zbbr-line'>
          成员 {b.memberCount} 人：
          {STAGES.filter((s) => b.byStage[s])
            .map((s) => `${STAGE_LABELS[s]} ${b.byStage[s]}`)
            .join('，') || '暂无'}
        </Text>
        <Text className='zbbr-link' onClick={() => go(`${ROUTES.dashboard}?branchId=${encodeURIComponent(b.id)}`)}>
          查看数据看板
        </Text>
      </View>
    </Card>
  )
}

function Branches() {
  const query = useQuery(() => callFunction('branch', 'branches'), [])
  const { reload } = query
  const [draft, setDraft] = useState<Draft | null>(null)
  return (
    <QueryView query={query} refusal='lock'>
      {(data) => {
        const done = () => {
          setDraft(null)
          reload()
        }
        return (
          <View className='zbb-root' data-testid='branch-list'>
            {draft ? <Editor draft={draft} onDone={done} onCancel={() => setDraft(null)} /> : null}
            {data.canManage && !draft ? (
              <View className='zbb-actions'>
                <Button
                  type='primary'
                  fill='outline'
                  onClick={() => setDraft({ name: '', secretaryNos: '' })}
                  data-testid='branch-new'
                >
                  新建支部
                </Button>
              </View>
            ) : null}
            {data.branches.map((b) => (
              <BranchCard
                key={b.id}
                b={b}
                canManage={data.canManage}
                onEdit={() =>
                  setDraft({
                    branchId: b.id,
                    name: b.name,
                    secretaryNos: b.secretaries.map((s) => s.studentNo).join(', '),
                  })
                }
              />
            ))}
            <Text className='zbb-note'>
              成员的所在支部以名册为准：调整成员所在支部，请修改名册后重新导入。支部和书记的每次调整都会记入审计日志。
            </Text>
          </View>
        )
      }}
    </QueryView>
  )
}

export default sessionPage('page-branch-branches', Branches)
