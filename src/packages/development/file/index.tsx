import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { FileView } from '../../../../cloudfunctions/development/src/contract'
import { Card } from '../../../components/Card'
import { sessionPage } from '../../../components/SessionPage'
import { useQuery } from '../../../hooks/useCall'
import { callFunction } from '../../../services/call'
import { Empty, QueryView } from '../../../ui'
import { Downloads } from './Downloads'
import { day } from './format'
import { Step } from './Step'
import '../shared.scss'

/** Where the member is, what comes next and from which day, what is missing. */
function Position({ file }: { file: FileView }) {
  const { position } = file
  return (
    <>
      <View className='zbd-lift'>
        <Card title={file.isOwn ? '我在哪一步' : '进度'}>
          <Text className='zbd-line' data-testid='position-where'>
            {position.where}
          </Text>
          {position.next ? (
            <Text className='zbd-line' data-testid='position-next'>
              下一步：第 {position.next.step} 步「{position.next.label}」，{position.next.fromText}
            </Text>
          ) : (
            <Text className='zbd-line'>发展程序已全部完成。</Text>
          )}
          {position.next?.waiting.map((w) => (
            <Text key={w} className='zbd-muted'>
              {w}
            </Text>
          ))}
          {file.probationEnds ? <Text className='zbd-muted'>预备期至 {day(file.probationEnds)} 期满</Text> : null}
        </Card>
      </View>
      <Card title={position.missing.length ? `还缺 ${position.missing.length} 项材料` : '材料'}>
        {position.missing.length ? (
          position.missing.map((m) => (
            <Text key={m} className='zbd-line' data-testid='missing-material'>
              {m}
            </Text>
          ))
        ) : (
          <Empty bare>已办理步骤的材料都已齐全。</Empty>
        )}
      </Card>
    </>
  )
}

function Notes({ title, lines, alert = false }: { title: string; lines: string[]; alert?: boolean }) {
  if (!lines.length) return null
  return (
    <Card title={title}>
      {lines.map((w, i) => (
        <Text key={i} className={alert ? 'zbd-alert' : 'zbd-muted'} data-testid={alert ? 'file-problem' : undefined}>
          {w}
        </Text>
      ))}
    </Card>
  )
}

function FileBody({ loaded, memberId }: { loaded: FileView; memberId: string | undefined }) {
  const [local, setLocal] = useState<FileView | null>(null)
  const [editing, setEditing] = useState<number | null>(null)
  const [warnings, setWarnings] = useState<string[]>([])
  const file = local ?? loaded
  // Missing materials are listed above; the problems card keeps what needs correcting.
  const corrections = file.isOwn ? [] : file.problems.filter((p) => p.kind !== 'material').map((p) => p.fix)
  const onFile = (f: FileView, w: string[] = []) => {
    setLocal(f)
    setEditing(null)
    setWarnings(w)
  }
  return (
    <View className='zbd-root' data-testid='development-file'>
      <View className='zbd-head'>
        <Text className='zbd-head__title'>
          {file.isOwn ? '我的发展纪实' : `${file.member.name}的发展纪实`} · {file.member.stageLabel}
        </Text>
        <Text className='zbd-head__sub'>
          {file.member.branchName}
          {file.member.className ? ` · ${file.member.className}` : ''}
        </Text>
      </View>
      <Position file={file} />
      <Notes title='已破例办理' lines={warnings} />
      <Notes title={`需要更正的问题（${corrections.length}）`} lines={corrections} alert />
      {file.phases.map((phase) => (
        <Card key={phase.no} title={`${'一二三四五'[phase.no - 1]}、${phase.label}`}>
          {phase.steps.map((s) => (
            <Step key={s.no} file={file} step={s} editing={editing === s.no} onEdit={setEditing} onFile={onFile} />
          ))}
        </Card>
      ))}
      <Downloads whose={{ memberId }} />
      <Text className='zbd-note'>
        日期以党支部登记为准；登记和更正都会留下记录。材料可以是签字页的照片，也可以是 PDF 文件。
        {file.isOwn ? '你可以上传自己书写的入党申请书、思想汇报、入党志愿书和转正申请。' : ''}
      </Text>
    </View>
  )
}

function DevelopmentFile({ memberId }: { memberId: string | undefined }) {
  const query = useQuery(() => callFunction('development', 'file', memberId ? { memberId } : {}), [memberId])
  return <QueryView query={query}>{(data) => <FileBody loaded={data} memberId={memberId} />}</QueryView>
}

export default sessionPage('page-development-file', ({ params }) => (
  <DevelopmentFile memberId={params.id || undefined} />
))
