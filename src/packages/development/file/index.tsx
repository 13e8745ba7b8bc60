import { Input, Picker, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useState } from 'react'
import type { FileView, MaterialView, StepView } from '../../../../cloudfunctions/development/src/contract'
import { ActionBar } from '../../../components/ActionBar'
import { Card } from '../../../components/Card'
import { Page } from '../../../components/Page'
import { SessionGate } from '../../../components/SessionGate'
import { ErrorView, LoadingView } from '../../../ui'
import { useQuery } from '../../../hooks/useCall'
import { useParams } from '../../../hooks/useParams'
import { callFunction, type CallFailure } from '../../../services/call'
import { toastFailure, toastSuccess } from '../../../services/feedback'
import { openDownload } from '../../../services/pick-file'
import { uploadOwnFile } from '../../../services/upload'
import { chinaTime } from '../../../utils/time'
import { formatDate } from '../../../utils/stage'
import '../shared.scss'

const day = (d: string | null | undefined): string => (d ? formatDate(d) : '未登记')

/** One step's form: its date, its people and the facts it asks for; the server judges every rule. */
function StepForm({
  file,
  step,
  onDone,
  onCancel,
}: {
  file: FileView
  step: StepView
  onDone: (f: FileView, warnings: string[]) => void
  onCancel: () => void
}) {
  const today = chinaTime().format('YYYY-MM-DD')
  const raw = step.raw
  const [date, setDate] = useState(step.date ?? today)
  const ask = step.asks.people
  const [names, setNames] = useState<string[]>(() => {
    const have = step.people.map((p) => p.name)
    return Array.from({ length: ask ? Math.max(ask.min, have.length) : 0 }, (_, i) => have[i] ?? '')
  })
  const [publicityStart, setPublicityStart] = useState(raw.publicityStart ?? step.date ?? today)
  const [objections, setObjections] = useState('0')
  const [vote, setVote] = useState({
    expected: String(raw.vote?.expected ?? ''),
    present: String(raw.vote?.present ?? ''),
    for: String(raw.vote?.for ?? ''),
    against: String(raw.vote?.against ?? '0'),
    abstain: String(raw.vote?.abstain ?? '0'),
  })
  const [hours, setHours] = useState(raw.trainingHours === null ? '' : String(raw.trainingHours))
  const [days, setDays] = useState(raw.trainingDays === null ? '' : String(raw.trainingDays))
  const [assessments, setAssessments] = useState(raw.assessments.join('，'))
  const [leavesOn, setLeavesOn] = useState(raw.leavesOn ?? '')
  const [extension, setExtension] = useState(raw.extensionMonths === null ? '' : String(raw.extensionMonths))
  const [reason, setReason] = useState('')
  const [needsReason, setNeedsReason] = useState(false)
  const [error, setError] = useState<CallFailure | null>(null)
  const [pending, setPending] = useState(false)
  const asks = new Set(step.asks.facts)
  const num = (s: string) => (s.trim() === '' ? undefined : Number(s))

  const submit = async () => {
    setPending(true)
    setError(null)
    const facts: Record<string, unknown> = {}
    if (asks.has('公示')) facts.publicity = { start: publicityStart, objections: num(objections) ?? 0 }
    if (asks.has('表决'))
      facts.vote = {
        expected: num(vote.expected) ?? 0,
        present: num(vote.present) ?? 0,
        for: num(vote.for) ?? 0,
        against: num(vote.against) ?? 0,
        abstain: num(vote.abstain) ?? 0,
      }
    if (asks.has('培训')) Object.assign(facts, { trainingHours: num(hours), trainingDays: num(days) })
    if (asks.has('考察')) facts.assessments = assessments.split(/[，,\s]+/).filter(Boolean)
    if (asks.has('离校') && leavesOn) facts.leavesOn = leavesOn
    if (asks.has('延长预备期') && extension)
      Object.assign(facts, { extensionMonths: num(extension), extensionDecidedOn: date })
    const people = ask ? names.filter((n) => n.trim()).map((name) => ({ role: ask.role, name: name.trim() })) : []
    const res = await callFunction('development', 'recordStep', {
      memberId: file.member.id,
      step: step.no,
      date,
      people,
      facts,
      override: needsReason && reason.trim() ? { reason: reason.trim() } : undefined,
    })
    setPending(false)
    if (!res.ok) {
      setError(res)
      if (res.message.includes('破例理由')) setNeedsReason(true)
      return
    }
    toastSuccess('已登记')
    onDone(res.data.file, res.data.warnings)
  }

  return (
    <View data-testid='step-form'>
      <View className='zbd-field'>
        <Text className='zbd-field__label'>日期（会议召开或决定作出的日期）</Text>
        <Picker mode='date' value={date} end={today} onChange={(e) => setDate(String(e.detail.value))}>
          <View className='zbd-input' data-testid='step-date'>
            {day(date)}
          </View>
        </Picker>
      </View>
      {ask
        ? names.map((n, i) => (
            <View className='zbd-field' key={i}>
              <Text className='zbd-field__label'>
                {ask.roleLabel}
                {names.length > 1 ? ` ${i + 1}` : ''}
              </Text>
              <Input
                className='zbd-input'
                value={n}
                placeholder={`请填写${ask.roleLabel}姓名`}
                onInput={(e) => setNames((all) => all.map((x, j) => (j === i ? e.detail.value : x)))}
              />
            </View>
          ))
        : null}
      {ask && names.length < ask.max ? (
        <Text className='zbd-link' onClick={() => setNames((all) => [...all, ''])}>
          再加一名{ask.roleLabel}
        </Text>
      ) : null}
      {asks.has('公示') ? (
        <View className='zbd-row'>
          <View className='zbd-field'>
            <Text className='zbd-field__label'>公示开始日期</Text>
            <Picker mode='date' value={publicityStart} onChange={(e) => setPublicityStart(String(e.detail.value))}>
              <View className='zbd-input' data-testid='publicity-start'>
                {day(publicityStart)}
              </View>
            </Picker>
          </View>
          <View className='zbd-field'>
            <Text className='zbd-field__label'>反映问题（件）</Text>
            <Input
              className='zbd-input'
              type='number'
              value={objections}
              onInput={(e) => setObjections(e.detail.value)}
            />
          </View>
        </View>
      ) : null}
      {asks.has('公示') ? (
        <Text className='zbd-muted'>公示结束日期按工作日历自动计算（节假日和调休已计入）。</Text>
      ) : null}
      {asks.has('表决') ? (
        <View>
          <View className='zbd-row'>
            {(['expected', 'present'] as const).map((k) => (
              <View className='zbd-field' key={k}>
                <Text className='zbd-field__label'>{k === 'expected' ? '应到（有表决权）' : '实到'}</Text>
                <Input
                  className='zbd-input'
                  type='number'
                  placeholder={k === 'expected' ? '应到人数' : '实到人数'}
                  value={vote[k]}
                  onInput={(e) => setVote((v) => ({ ...v, [k]: e.detail.value }))}
                />
              </View>
            ))}
          </View>
          <View className='zbd-row'>
            {(['for', 'against', 'abstain'] as const).map((k) => (
              <View className='zbd-field' key={k}>
                <Text className='zbd-field__label'>{k === 'for' ? '赞成' : k === 'against' ? '反对' : '弃权'}</Text>
                <Input
                  className='zbd-input'
                  type='number'
                  placeholder={k === 'for' ? '赞成票' : k === 'against' ? '反对票' : '弃权票'}
                  value={vote[k]}
                  onInput={(e) => setVote((v) => ({ ...v, [k]: e.detail.value }))}
                />
              </View>
            ))}
          </View>
        </View>
      ) : null}
      {asks.has('培训') ? (
        <View className='zbd-row'>
          <View className='zbd-field'>
            <Text className='zbd-field__label'>培训学时</Text>
            <Input
              className='zbd-input'
              type='digit'
              placeholder='学时'
              value={hours}
              onInput={(e) => setHours(e.detail.value)}
            />
          </View>
          <View className='zbd-field'>
            <Text className='zbd-field__label'>培训天数</Text>
            <Input
              className='zbd-input'
              type='number'
              placeholder='天数'
              value={days}
              onInput={(e) => setDays(e.detail.value)}
            />
          </View>
        </View>
      ) : null}
      {asks.has('考察') ? (
        <View className='zbd-field'>
          <Text className='zbd-field__label'>历次考察日期（用逗号分隔，如 2026-04-07，2026-10-07）</Text>
          <Input
            className='zbd-input'
            placeholder='考察日期'
            value={assessments}
            onInput={(e) => setAssessments(e.detail.value)}
          />
        </View>
      ) : null}
      {asks.has('离校') ? (
        <View className='zbd-field'>
          <Text className='zbd-field__label'>预计离校日期（毕业生）</Text>
          <Picker mode='date' value={leavesOn || today} onChange={(e) => setLeavesOn(String(e.detail.value))}>
            <View className='zbd-input'>{leavesOn ? day(leavesOn) : '不离校可不填'}</View>
          </Picker>
        </View>
      ) : null}
      {asks.has('延长预备期') ? (
        <View className='zbd-field'>
          <Text className='zbd-field__label'>延长预备期（月，不延长可不填）</Text>
          <Input
            className='zbd-input'
            type='number'
            placeholder='6 至 12'
            value={extension}
            onInput={(e) => setExtension(e.detail.value)}
          />
        </View>
      ) : null}
      {needsReason ? (
        <View className='zbd-field'>
          <Text className='zbd-field__label'>破例理由（记入纪实和审计日志）</Text>
          <Input
            className='zbd-input'
            placeholder='请写明破例的理由和批准情况'
            value={reason}
            onInput={(e) => setReason(e.detail.value)}
            data-testid='step-reason'
          />
        </View>
      ) : null}
      {error ? (
        <Text className='zbd-alert' data-testid='step-error'>
          {error.message}
        </Text>
      ) : null}
      <ActionBar
        inline
        actions={[
          { text: '取消', onClick: onCancel },
          {
            text: needsReason ? '破例办理并登记' : '确认登记',
            primary: true,
            loading: pending,
            waitsFor: needsReason && reason.trim().length < 5 ? '请写明破例理由（至少 5 个字）' : null,
            onClick: () => void submit(),
            testId: 'step-submit',
          },
        ]}
      />
    </View>
  )
}

function Material({
  file,
  step,
  m,
  onFile,
}: {
  file: FileView
  step: StepView
  m: MaterialView
  onFile: (f: FileView) => void
}) {
  const [busy, setBusy] = useState(false)
  const upload = async () => {
    const chosen = await Taro.chooseImage({
      count: 3,
      sizeType: ['compressed'],
      sourceType: ['album', 'camera'],
    }).catch(() => null)
    if (!chosen) return
    setBusy(true)
    const ids: string[] = []
    for (const path of chosen.tempFilePaths) {
      const name = chosen.tempFiles.find((f) => f.path === path)?.originalFileObj?.name ?? path
      const res = await uploadOwnFile(name.split('.').pop() ?? 'jpg', path)
      if (!res.ok) {
        setBusy(false)
        toastFailure(res)
        return
      }
      ids.push(res.data.fileID)
    }
    const saved = await callFunction('development', 'saveMaterial', {
      memberId: file.member.id,
      step: step.no,
      item: m.id,
      date: step.date ?? file.today,
      fileIDs: ids,
    })
    setBusy(false)
    if (!saved.ok) return toastFailure(saved)
    toastSuccess('已上传')
    onFile(saved.data)
  }
  const check = async () => {
    setBusy(true)
    const res = await callFunction('development', 'checkMaterial', {
      memberId: file.member.id,
      step: step.no,
      item: m.id,
    })
    setBusy(false)
    if (!res.ok) return toastFailure(res)
    toastSuccess('已核对')
    onFile(res.data)
  }
  return (
    <View className='zbd-material' data-testid='material'>
      <Text className='zbd-material__label'>
        {m.label}
        <Text className={`zbd-pill zbd-pill--${m.generated && m.status === 'missing' ? 'present' : m.status}`}>
          {m.statusLabel}
        </Text>
      </Text>
      {m.canUpload ? (
        <Text className='zbd-link' onClick={() => !busy && void upload()}>
          {m.status === 'missing' ? '上传' : '重新上传'}
        </Text>
      ) : null}
      {m.canCheck ? (
        <Text className='zbd-link' onClick={() => !busy && void check()}>
          核对
        </Text>
      ) : null}
    </View>
  )
}

function Step({
  file,
  step,
  editing,
  onEdit,
  onFile,
}: {
  file: FileView
  step: StepView
  editing: boolean
  onEdit: (no: number | null) => void
  onFile: (f: FileView, warnings?: string[]) => void
}) {
  return (
    <View className='zbd-step' data-testid={`step-${step.no}`}>
      <View className='zbd-step__head'>
        <Text className={`zbd-step__no zbd-step__no--${step.state}`}>{step.no}</Text>
        <Text className='zbd-step__label'>{step.label}</Text>
        <Text className='zbd-step__date'>{step.date ? day(step.date) : step.state === 'next' ? '下一步' : ''}</Text>
      </View>
      <View className='zbd-step__body'>
        {step.people.length ? (
          <Text className='zbd-muted'>{step.people.map((p) => `${p.roleLabel}：${p.name}`).join('；')}</Text>
        ) : null}
        {step.facts.map((f) => (
          <Text key={f} className='zbd-muted'>
            {f}
          </Text>
        ))}
        {step.override ? <Text className='zbd-muted'>破例办理：{step.override.reason}</Text> : null}
        {step.date || step.state === 'next'
          ? step.materials.map((m) => <Material key={m.id} file={file} step={step} m={m} onFile={onFile} />)
          : null}
        {editing ? (
          <StepForm file={file} step={step} onCancel={() => onEdit(null)} onDone={(f, w) => onFile(f, w)} />
        ) : step.canRecord && (step.date || step.state === 'next') ? (
          <Text className='zbd-button' onClick={() => onEdit(step.no)} data-testid={`record-${step.no}`}>
            {step.date ? '更正' : '登记'}
          </Text>
        ) : null}
        {(editing || step.state === 'next') && step.rules.length ? (
          <View>
            {step.rules.map((r) => (
              <Text key={r.id} className='zbd-muted'>
                {r.severityLabel === '必须遵守' ? '规定' : '提醒'}：{r.label}（{r.article}）
              </Text>
            ))}
          </View>
        ) : null}
      </View>
    </View>
  )
}

/** The 全程纪实表 as Word or PDF: generated by the function, opened from its temporary link. */
function Downloads({ memberId }: { memberId: string | undefined }) {
  const [busy, setBusy] = useState<'docx' | 'pdf' | null>(null)
  const download = async (format: 'docx' | 'pdf') => {
    setBusy(format)
    const res = await callFunction('development', 'exportFile', memberId ? { memberId, format } : { format })
    setBusy(null)
    if (!res.ok) return toastFailure(res)
    await openDownload(res.data.url, res.data.fileName)
  }
  return (
    <Card title='全程纪实表'>
      <Text className='zbd-muted'>由登记的步骤、材料和审阅通过的思想汇报生成，可打印存档。</Text>
      <ActionBar
        inline
        actions={[
          {
            text: '下载 Word',
            loading: busy === 'docx',
            onClick: () => void download('docx'),
            testId: 'download-docx',
          },
          { text: '下载 PDF', loading: busy === 'pdf', onClick: () => void download('pdf'), testId: 'download-pdf' },
        ]}
      />
    </Card>
  )
}

function DevelopmentFile({ memberId }: { memberId: string | undefined }) {
  const load = useCallback(() => callFunction('development', 'file', memberId ? { memberId } : {}), [memberId])
  const { data, failure, reload } = useQuery(load, [memberId])
  const [local, setLocal] = useState<FileView | null>(null)
  const [editing, setEditing] = useState<number | null>(null)
  const [warnings, setWarnings] = useState<string[]>([])
  const file = local ?? data
  if (!file) return failure ? <ErrorView failure={failure} onRetry={reload} /> : <LoadingView />
  const { position } = file
  // Missing materials are listed above; the problems card keeps what needs correcting.
  const corrections = file.problems.filter((p) => p.kind !== 'material')
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
          <Text className='zbd-line'>已办理步骤的材料都已齐全。</Text>
        )}
      </Card>
      {warnings.length ? (
        <Card title='已破例办理'>
          {warnings.map((w) => (
            <Text key={w} className='zbd-muted'>
              {w}
            </Text>
          ))}
        </Card>
      ) : null}
      {!file.isOwn && corrections.length ? (
        <Card title={`需要更正的问题（${corrections.length}）`}>
          {corrections.map((p, i) => (
            <Text key={i} className='zbd-alert' data-testid='file-problem'>
              {p.fix}
            </Text>
          ))}
        </Card>
      ) : null}
      {file.phases.map((phase) => (
        <Card key={phase.no} title={`${'一二三四五'[phase.no - 1]}、${phase.label}`}>
          {phase.steps.map((s) => (
            <Step key={s.no} file={file} step={s} editing={editing === s.no} onEdit={setEditing} onFile={onFile} />
          ))}
        </Card>
      ))}
      <Downloads memberId={memberId} />
      <Text className='zbd-note'>
        日期以党支部登记为准；登记和更正都会留下记录。
        {file.isOwn ? '你可以上传自己书写的入党申请书、思想汇报、入党志愿书和转正申请。' : ''}
      </Text>
    </View>
  )
}

export default function DevelopmentFilePage() {
  const params = useParams()
  return (
    <Page testId='page-development-file'>
      <SessionGate>{() => <DevelopmentFile memberId={params.id || undefined} />}</SessionGate>
    </Page>
  )
}
