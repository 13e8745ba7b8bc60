import { Button } from '@nutui/nutui-react-taro'
import { Pill } from '../../../ui'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { Text, View } from '@tarojs/components'
import { Card } from '../../../components/Card'
import { sessionPage } from '../../../components/SessionPage'
import { ROUTES } from '../../../routes'
import type { Branch, Profile } from '../../../services/api'
import { callFunction } from '../../../services/call'
import { stepOf, useImportFlow, type UploadedSheet } from '../../../hooks/useImportFlow'
import { ImportSteps } from '../../../components/ImportSteps'
import { Figures } from '../shared/Figures'
import { go } from '../shared/ui'
import './index.scss'

type Preview = Extract<Branch.ImportResult, { step: 'preview' }>
type Done = Extract<Branch.ImportResult, { step: 'commit' }>

const ACTION_LABELS = { create: '新增', update: '更新', unchanged: '无变化' } as const

/** The uploaded sheet, for its preview and then for its import (the server reads the same file twice). */
function sendSheet(step: 'preview' | 'commit', sheet: UploadedSheet) {
  return callFunction('branch', 'importRoster', {
    step,
    fileID: sheet.fileID,
    fileName: sheet.picked.name.slice(0, 100),
  })
}

/** Template → upload → preview with every problem row by row → import the valid rows. */
function Importer({ profile }: { profile: Profile }) {
  const flow = useImportFlow<Preview, Done>({
    template: async () =>
      stepOf(await callFunction('branch', 'importRoster', { step: 'template' }), (d) =>
        d.step === 'template' ? d : null,
      ),
    preview: async (sheet) => stepOf(await sendSheet('preview', sheet), (d) => (d.step === 'preview' ? d : null)),
    commit: async (sheet) => stepOf(await sendSheet('commit', sheet), (d) => (d.step === 'commit' ? d : null)),
  })
  const { busy, preview, done } = flow

  if (!profile.roles.includes('committee')) {
    return <Text className='zbb-note'>只有院党委可以导入名册。如需调整成员信息，请联系院党委组织员。</Text>
  }

  if (done) {
    return (
      <Card title='导入完成'>
        <View data-testid='import-done'>
          <Text className='zbi-big'>
            新增 {done.created} 人，更新 {done.updated} 人
          </Text>
          <Text className='zbi-line'>
            文件共 {done.total} 行；{done.unchanged} 人信息无变化
            {done.stageChanges ? `；${done.stageChanges} 人的发展阶段随导入变更，已记入其发展记录` : ''}。
          </Text>
          <Text className='zbi-line'>新成员在“我的”页用学号和姓名绑定微信后即可使用支部通。</Text>
          <View className='zbi-ops'>
            <Button onClick={() => go(ROUTES.branchMembers)}>查看名册</Button>
            <Button type='primary' onClick={flow.restart}>
              继续导入
            </Button>
          </View>
        </View>
      </Card>
    )
  }

  return (
    <View className='zbb-root' data-testid='roster-import'>
      <ImportSteps
        flow={flow}
        templateHelp='模板列有学号、姓名、性别、班级、所在支部、发展阶段和各阶段日期，附填写说明；支部和阶段可从下拉列表选择。也可以先“数据导出”名册，修改后再导入。'
        uploadHelp='支持 .xlsx 和 .csv，一次最多 1000 人。上传后先预览，逐行列出问题，确认前不会写入名册；重复导入按学号更新，不会重复添加。'
        errorClass='zbb-alert zbi-error'
      />
      {preview ? (
        <>
          <Card title='预览' extra={<Text className='zbi-count'>共 {preview.total} 行</Text>}>
            <View className='zbi-summary' data-testid='import-summary'>
              <Figures
                block='zbi-num'
                figures={[
                  { n: preview.counts.create, label: '新增' },
                  { n: preview.counts.update, label: '更新' },
                  { n: preview.counts.unchanged, label: '无变化' },
                  { n: preview.errors.length, label: '有问题', bad: true },
                ]}
              />
            </View>
          </Card>
          {preview.errors.length ? (
            <Card title='需要修改的行' extra={<Pill tone='red'>{preview.errors.length} 行</Pill>}>
              <View data-testid='import-errors'>
                {preview.errors.map((e) => (
                  <Text key={e.row} className='zbi-err' data-testid='import-error'>
                    {e.message}
                  </Text>
                ))}
              </View>
              <Text className='zbi-line'>
                有问题的行不会导入。可以修改后重新上传，也可以先导入其余的行，改好后再导入一次。
              </Text>
            </Card>
          ) : null}
          {preview.rows.length ? (
            <Card title='将要写入'>
              {preview.rows.slice(0, 50).map((r) => (
                <View key={r.row} className='zbb-row'>
                  <View className='zbb-row__main'>
                    <Text className='zbb-row__title'>
                      {r.name} <Text className='zbi-no'>{r.studentNo}</Text>
                    </Text>
                    <Text className='zbb-row__sub'>
                      {r.action === 'create' ? `${r.branchName} · ${r.stageLabel}` : r.changes.join('；')}
                    </Text>
                  </View>
                  <Pill tone={r.action === 'create' ? 'green' : 'amber'}>{ACTION_LABELS[r.action]}</Pill>
                </View>
              ))}
              {preview.rows.length > 50 ? <Text className='zbi-line'>……另有 {preview.rows.length - 50} 行</Text> : null}
            </Card>
          ) : null}
          <View className='zbb-actions'>
            <Button
              type='primary'
              size='large'
              block
              disabled={preview.valid === 0}
              loading={busy === 'commit'}
              onClick={() => void flow.commit()}
              data-testid='import-commit'
            >
              {preview.errors.length ? `跳过问题行，导入其余 ${preview.valid} 行` : `确认导入 ${preview.valid} 行`}
            </Button>
          </View>
        </>
      ) : null}
    </View>
  )
}

export default sessionPage('page-branch-import', Importer)
