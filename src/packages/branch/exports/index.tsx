import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { Card } from '../../../components/Card'
import { sessionPage } from '../../../components/SessionPage'
import { TabRow } from '../../../components/TabRow'
import { QueryView } from '../../../ui'
import { useQuery } from '../../../hooks/useCall'
import { callFunction, type CallFailure } from '../../../services/call'
import { openDownload } from '../../../services/pick-file'
import '../shared/branch.scss'
import './index.scss'

type Kind = 'members' | 'reports' | 'attendance'

const KINDS: { kind: Kind; title: string; text: string }[] = [
  {
    kind: 'members',
    title: '成员名册',
    text: '学号、姓名、班级、所在支部、发展阶段和各阶段日期、微信绑定情况。列与导入模板一致，修改后可直接重新导入。',
  },
  {
    kind: 'reports',
    title: '思想汇报提交情况',
    text: '近四期每人每期的汇报状态（已完成、待审阅、待修改、逾期未交），另附每期汇总。',
  },
  {
    kind: 'attendance',
    title: '组织生活出勤',
    text: '近一年每次会议的应到、实到、请假、缺席和出勤率，另附个人出勤汇总。',
  },
]

interface Made {
  kind: Kind
  fileName: string
  url: string
  rows: number
}

function Exports({ committee }: { committee: boolean }) {
  // The branch list (for the committee's scope) comes with the first call; a secretary's scope is their branch.
  const query = useQuery(() => callFunction('branch', 'branches'), [])
  const [scope, setScope] = useState<string | undefined>(undefined)
  const [busy, setBusy] = useState<Kind | null>(null)
  const [made, setMade] = useState<Made | null>(null)
  const [error, setError] = useState<CallFailure | null>(null)
  return (
    <QueryView query={query} refusal='lock'>
      {(data) => {
        const run = async (kind: Kind) => {
          setBusy(kind)
          setError(null)
          const res = await callFunction('branch', 'export', { kind, branchId: scope })
          setBusy(null)
          if (!res.ok) return setError(res)
          setMade({ kind, fileName: res.data.fileName, url: res.data.url, rows: res.data.rows })
          try {
            await openDownload(res.data.url, res.data.fileName)
          } catch {
            void Taro.showToast({ title: '文件已生成，请点击下方“打开文件”', icon: 'none' })
          }
        }

        return (
          <View className='zbb-root' data-testid='branch-exports'>
            {committee ? (
              <Card title='导出范围'>
                <TabRow
                  className='zbb-chips'
                  tabClass='zbb-chip'
                  tabs={[[undefined, '全院'] as const, ...data.branches.map((b) => [b.id, b.name] as const)]}
                  value={scope}
                  onChange={setScope}
                />
              </Card>
            ) : null}
            {KINDS.map((k) => (
              <Card key={k.kind} title={k.title}>
                <Text className='zbx-text'>{k.text}</Text>
                <View className='zbx-ops zb-touch-buttons'>
                  <Button
                    size='small'
                    type='primary'
                    loading={busy === k.kind}
                    disabled={busy !== null && busy !== k.kind}
                    onClick={() => void run(k.kind)}
                    data-testid={`export-${k.kind}`}
                  >
                    导出 .xlsx
                  </Button>
                </View>
                {made?.kind === k.kind ? (
                  <View className='zbb-ok' data-testid='export-done'>
                    <Text>
                      已生成「{made.fileName}」（{made.rows} 行）。
                    </Text>
                    <Text className='zbx-open' onClick={() => void openDownload(made.url, made.fileName)}>
                      打开文件
                    </Text>
                  </View>
                ) : null}
              </Card>
            ))}
            {error ? <Text className='zbb-alert zbx-error'>{error.message}</Text> : null}
            <Text className='zbb-note'>
              导出的文件含个人信息，请妥善保管；每次导出都会记入审计日志。下载链接一小时内有效。
            </Text>
          </View>
        )
      }}
    </QueryView>
  )
}

export default sessionPage('page-branch-exports', ({ profile }) => (
  <Exports committee={profile.roles.includes('committee')} />
))
