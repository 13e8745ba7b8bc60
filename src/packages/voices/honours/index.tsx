import { Button, Input, TextArea } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/textarea/style/css'
import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { Card } from '../../../components/Card'
import { Page } from '../../../components/Page'
import { SessionGate } from '../../../components/SessionGate'
import { useAction, useQuery } from '../../../hooks/useCall'
import { useDraft } from '../../../hooks/useDraft'
import { withQuery } from '../../../hooks/useParams'
import { ROUTES } from '../../../routes'
import type { HonourCard, HonoursResult, NominationCard } from '../../../services/api'
import { callFunction } from '../../../services/call'
import { HONOUR_TITLES } from '../../../services/domain'
import { toastFailure, toastSuccess } from '../../../services/feedback'
import { uploadOwnFile } from '../../../services/upload'
import { Band, Chips, Empty, go, Loaded, Pill, Row } from '../shared/ui'

type HonourTitle = (typeof HONOUR_TITLES)[number]

function Honour({ h }: { h: HonourCard }) {
  return (
    <View className='zbv-honour' data-testid='honour'>
      {h.photoUrl ? (
        <Image className='zbv-honour__photo' src={h.photoUrl} mode='aspectFill' />
      ) : (
        <Text className='zbv-honour__initial'>{h.name.slice(0, 1)}</Text>
      )}
      <View className='zbv-row__main'>
        <View className='zbv-member__head'>
          <Text className='zbv-member__name'>{h.name}</Text>
          <Text className='zbv-member__meta'>{h.branchName}</Text>
        </View>
        <Text className='zbv-honour__title'>
          {h.year}年度 {h.title}
        </Text>
        <Text className='zbv-row__sub'>{h.citation}</Text>
        {h.articleId ? (
          <Text className='zbv-link' onClick={() => go(withQuery(ROUTES.studyArticle, { id: h.articleId as string }))}>
            阅读党员风采 ›
          </Text>
        ) : null}
      </View>
    </View>
  )
}

function Window({ honours }: { honours: HonourCard[] }) {
  const years = [...new Set(honours.map((h) => h.year))].sort((a, b) => b - a)
  if (honours.length === 0) return <Card title='榜样'>{<Empty bare>还没有公布的表彰</Empty>}</Card>
  return (
    <>
      {years.map((y) => (
        <Card key={y} title={`${y}年度表彰`}>
          {honours
            .filter((h) => h.year === y)
            .map((h) => (
              <Honour key={h.id} h={h} />
            ))}
        </Card>
      ))}
    </>
  )
}

function AwardForm({ n, onDone }: { n: NominationCard; onDone: () => void }) {
  const draft = useDraft('honour-citation', n.id, { citation: n.reason, photo: '', photoPath: '' })
  const [declining, setDeclining] = useState(false)
  const [declineReason, setDeclineReason] = useState('')
  const [uploading, setUploading] = useState(false)
  const award = useAction(() =>
    callFunction('voices', 'awardHonour', {
      nominationId: n.id,
      citation: draft.value.citation.trim(),
      ...(draft.value.photo ? { photo: draft.value.photo } : {}),
    }),
  )
  const decline = useAction(() =>
    callFunction('voices', 'declineNomination', { nominationId: n.id, reason: declineReason.trim() }),
  )
  const addPhoto = async () => {
    const chosen = await Taro.chooseImage({
      count: 1,
      sizeType: ['compressed'],
      sourceType: ['album', 'camera'],
    }).catch(() => null)
    const path = chosen?.tempFilePaths[0]
    if (!path) return
    setUploading(true)
    const name = chosen.tempFiles[0]?.originalFileObj?.name ?? path
    const uploaded = await uploadOwnFile(/\.(png|jpe?g|webp|gif)$/i.exec(name)?.[1] ?? 'jpg', path)
    setUploading(false)
    if (!uploaded.ok) return toastFailure(uploaded)
    draft.set((d) => ({ ...d, photo: uploaded.data.fileID, photoPath: path }))
  }
  return (
    <View className='zbv-member' data-testid='nomination'>
      <View className='zbv-member__head'>
        <Text className='zbv-member__name'>{n.name}</Text>
        <Text className='zbv-member__meta'>
          {n.branchName} · {n.nominatedByName}推荐
        </Text>
        <Pill tone='amber'>{n.title}</Pill>
      </View>
      <Text className='zbv-row__sub'>推荐理由：{n.reason}</Text>
      <TextArea
        className='zbv-textarea'
        placeholder='事迹简介（将在榜样栏展示，至少 10 字）'
        maxLength={500}
        autoSize
        value={draft.value.citation}
        onChange={(t) => draft.set((d) => ({ ...d, citation: t }))}
      />
      <View className='zbv-inline'>
        {draft.value.photoPath ? (
          <Image className='zbv-honour__photo' src={draft.value.photoPath} mode='aspectFill' />
        ) : null}
        <Button size='small' loading={uploading} onClick={() => void addPhoto()}>
          {draft.value.photo ? '更换照片' : '添加照片'}
        </Button>
        <Button
          size='small'
          type='primary'
          loading={award.pending}
          disabled={draft.value.citation.trim().length < 10 || uploading}
          onClick={() =>
            void award.run().then((r) => {
              if (!r.ok) return
              draft.clear()
              toastSuccess('已授予')
              onDone()
            })
          }
          data-testid='award'
        >
          授予称号
        </Button>
        <Button size='small' onClick={() => setDeclining(!declining)}>
          不予表彰
        </Button>
      </View>
      {declining ? (
        <>
          <Input
            className='zbv-input'
            placeholder='不予表彰的理由'
            maxLength={200}
            value={declineReason}
            onChange={setDeclineReason}
          />
          <Button
            className='zbv-button'
            size='small'
            disabled={declineReason.trim().length < 2}
            loading={decline.pending}
            onClick={() =>
              void decline.run().then((r) => {
                if (r.ok) onDone()
              })
            }
          >
            确认不予表彰
          </Button>
        </>
      ) : null}
    </View>
  )
}

function NominateForm({ onDone }: { onDone: () => void }) {
  const roster = useQuery(() => callFunction('meeting', 'roster', {}), [])
  const year = new Date().getFullYear()
  const draft = useDraft<{ memberId: string; title: HonourTitle; reason: string }>('honour-nomination', String(year), {
    memberId: '',
    title: '优秀共产党员',
    reason: '',
  })
  const f = draft.value
  const nominate = useAction(() =>
    callFunction('voices', 'nominate', { memberId: f.memberId, title: f.title, year, reason: f.reason.trim() }),
  )
  return (
    <Card title='推荐榜样'>
      <Text className='zbv-field'>推荐对象</Text>
      {roster.data ? (
        <Chips
          options={roster.data.map((m) => ({ value: m.id, label: m.name }))}
          value={f.memberId || null}
          onChange={(id) => draft.set((d) => ({ ...d, memberId: id }))}
          testId='nominate-member'
        />
      ) : (
        <Text className='zbv-row__sub'>{roster.failure ? roster.failure.message : '正在加载本支部名单…'}</Text>
      )}
      <Text className='zbv-field'>荣誉称号</Text>
      <Chips
        options={HONOUR_TITLES.map((t) => ({ value: t, label: t }))}
        value={f.title}
        onChange={(t) => draft.set((d) => ({ ...d, title: t }))}
      />
      <Text className='zbv-field'>推荐理由</Text>
      <TextArea
        className='zbv-textarea'
        placeholder='主要事迹（至少 10 字）'
        maxLength={500}
        autoSize
        value={f.reason}
        onChange={(t) => draft.set((d) => ({ ...d, reason: t }))}
      />
      <Button
        className='zbv-button'
        type='primary'
        block
        disabled={!f.memberId || f.reason.trim().length < 10}
        loading={nominate.pending}
        onClick={() =>
          void nominate.run().then((r) => {
            if (!r.ok) return
            draft.clear()
            toastSuccess('已推荐，等待院党委审定')
            onDone()
          })
        }
        data-testid='nominate-submit'
      >
        {!f.memberId ? '请选择推荐对象' : f.reason.trim().length < 10 ? '请填写推荐理由' : '提交推荐'}
      </Button>
    </Card>
  )
}

function ShortlistButton({ nominations }: { nominations: NominationCard[] }) {
  const titles = [...new Set(nominations.map((n) => n.title))]
  const [title, setTitle] = useState(titles[0] ?? '')
  const chosen = nominations.filter((n) => n.title === title)
  const start = useAction(() =>
    callFunction('voices', 'createVote', {
      college: true,
      kind: 'choice',
      title: `${chosen[0]?.year ?? ''}年度${title}推选`,
      honourIds: chosen.map((n) => n.id),
      maxChoices: 1,
      electorate: 'party',
      closesAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    }),
  )
  if (titles.length === 0) return null
  return (
    <Card title='推选投票'>
      <Text className='zbv-row__sub'>
        对同一称号的多个提名，可请全院党员投票推选（过半数参加有效，得票超过参加人数半数者当选），院党委再据此审定。
      </Text>
      <Chips
        options={titles.map((t) => ({ value: t, label: `${t}（${nominations.filter((n) => n.title === t).length}）` }))}
        value={title}
        onChange={setTitle}
      />
      <Button
        className='zbv-button'
        block
        disabled={chosen.length < 2}
        loading={start.pending}
        onClick={() =>
          void start.run().then((r) => {
            if (r.ok) go(withQuery(ROUTES.voicesVote, { id: r.data.id }))
          })
        }
        data-testid='shortlist-vote'
      >
        {chosen.length < 2 ? '至少 2 个提名才能推选' : `就 ${chosen.length} 个提名发起推选`}
      </Button>
    </Card>
  )
}

function HonoursView({ data, reload }: { data: HonoursResult; reload: () => void }) {
  return (
    <View data-testid='honours'>
      <Band title='榜样' subtitle='学习身边的优秀共产党员、优秀党务工作者和党员先锋岗' />
      <View className='zbv-lift'>
        <Window honours={data.honours} />
        {data.nominations ? (
          <Card title={data.canAward ? '待审定的推荐' : '本支部的推荐'}>
            {data.nominations.length === 0 ? <Empty bare>没有待审定的推荐</Empty> : null}
            {data.nominations.map((n) =>
              data.canAward ? (
                <AwardForm key={n.id} n={n} onDone={reload} />
              ) : (
                <Row
                  key={n.id}
                  title={`${n.name} · ${n.title}`}
                  sub={`${n.year}年度 · 等待院党委审定`}
                  testId='nomination'
                />
              ),
            )}
          </Card>
        ) : null}
        {data.canAward && data.nominations ? <ShortlistButton nominations={data.nominations} /> : null}
        {data.canNominate && !data.canAward ? <NominateForm onDone={reload} /> : null}
      </View>
      <Text className='zbv-note'>表彰由院党委审定；榜样展示不计入学习积分，也不设点赞排名。</Text>
    </View>
  )
}

function Honours() {
  const query = useQuery(() => callFunction('voices', 'honours', {}), [])
  return <Loaded {...query}>{(data) => <HonoursView data={data} reload={query.reload} />}</Loaded>
}

export default function VoicesHonoursPage() {
  return (
    <Page testId='page-voices-honours'>
      <SessionGate>{() => <Honours />}</SessionGate>
    </Page>
  )
}
