import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useState } from 'react'
import { Page } from '../../../components/Page'
import { QueryView } from '../../../ui'
import { useQuery } from '../../../hooks/useCall'
import { ROUTES } from '../../../routes'
import type { QuizStats } from '../../../services/api'
import { callFunction } from '../../../services/call'
import { audienceLabel, when } from '../../../utils/quiz'
import { useParams, withQuery } from '../../../hooks/useParams'
import '../shared/admin.scss'
import './index.scss'

/** One quiz in one branch: who took part, how they scored, who has not yet. */
export default function StatsPage() {
  const { quizId = '', branchId: initialBranch } = useParams()
  const [branchId, setBranchId] = useState(initialBranch)
  const load = useCallback(
    () => callFunction('quiz', 'quizStats', { quizId, ...(branchId ? { branchId } : {}) }),
    [quizId, branchId],
  )
  const query = useQuery(load, [load])
  return (
    <Page testId='page-quiz-stats'>
      <QueryView query={query} keepWhileLoading={false}>
        {(data) => <StatsView stats={data} onBranch={setBranchId} />}
      </QueryView>
    </Page>
  )
}

function StatsView({ stats, onBranch }: { stats: QuizStats; onBranch: (id: string) => void }) {
  const { quiz } = stats
  const rate = stats.audienceCount > 0 ? Math.round((stats.participants * 100) / stats.audienceCount) : 0
  const peak = Math.max(1, ...stats.distribution.map((d) => d.count))
  return (
    <>
      <View className='zs-head'>
        <Text className='zs-head__title'>{quiz.title}</Text>
        <Text className='zs-head__facts'>
          {quiz.scopeLabel} · {quiz.count} 题 · 限时 {quiz.timeLimitMinutes} 分钟 · {audienceLabel(quiz.audience)}
        </Text>
        <Text className='zs-head__facts'>
          {when(quiz.opensAt)} 至 {when(quiz.closesAt)}
        </Text>
      </View>
      {stats.branches.length > 0 ? (
        <View className='zs-branches'>
          {stats.branches.map((b) => (
            <Text
              key={b.id}
              className={`za-chip ${b.id === stats.branch.id ? 'za-chip--on' : ''}`}
              onClick={() => onBranch(b.id)}
            >
              {b.name}
            </Text>
          ))}
        </View>
      ) : null}
      <View className='zs-figures' data-testid='stats-figures'>
        <Figure value={`${stats.participants}/${stats.audienceCount}`} label='参与人数' testId='stats-participation' />
        <Figure value={`${rate}%`} label='参与率' />
        <Figure value={stats.averageScore === null ? '—' : String(stats.averageScore)} label='平均分' />
        <Figure value={stats.passRate === null ? '—' : `${stats.passRate}%`} label='及格率' />
      </View>
      <Text className='za-section'>成绩分布（每人取最好成绩）</Text>
      <View className='za-card' data-testid='stats-distribution'>
        {stats.distribution.map((d) => (
          <View className='zs-bar' key={d.label}>
            <Text className='zs-bar__label'>{d.label}</Text>
            <View className='zs-bar__track'>
              {d.count > 0 ? <View className='zs-bar__fill' style={{ width: `${(d.count / peak) * 100}%` }} /> : null}
            </View>
            <Text className='zs-bar__count'>{d.count} 人</Text>
          </View>
        ))}
        {stats.flaggedCount > 0 ? (
          <Text className='zs-flag'>
            有 {stats.flaggedCount} 人的作答异常（空白提交或快于正常阅读），相应作答不计成绩和学习积分，名单见下方。
          </Text>
        ) : null}
      </View>
      <Text className='za-section'>未参加（{stats.notTaken.length} 人）</Text>
      <View className='za-card' data-testid='stats-not-taken'>
        {stats.notTaken.length === 0 ? (
          <Text className='zs-muted'>
            {stats.audienceCount === 0 ? '本支部没有属于参加对象的成员。' : '全部参加了，真棒！'}
          </Text>
        ) : (
          <View className='za-chips'>
            {stats.notTaken.map((name) => (
              <Text className='za-chip' key={name}>
                {name}
              </Text>
            ))}
          </View>
        )}
      </View>
      {stats.flagged.length > 0 ? (
        <>
          <Text className='za-section'>异常作答（{stats.flagged.length} 次）</Text>
          <View className='za-card' data-testid='stats-flagged'>
            {stats.flagged.map((row, i) => (
              <View className='zs-top' key={`${row.name}-${row.at}-${i}`}>
                <Text className='zs-top__name'>{row.name}</Text>
                <Text className='zs-muted'>
                  {row.reasonLabel} · 用时 {row.durationSeconds} 秒 · {when(row.at)}
                </Text>
              </View>
            ))}
          </View>
        </>
      ) : null}
      <Text className='za-section'>成绩前十</Text>
      <View className='za-card'>
        {stats.top.length === 0 ? (
          <Text className='zs-muted'>还没有人交卷。</Text>
        ) : (
          stats.top.map((row) => (
            <View className='zs-top' key={row.memberId}>
              <Text className='zs-top__rank'>{row.rank}</Text>
              <Text className='zs-top__name'>{row.name}</Text>
              <Text className='zs-top__score'>{row.value} 分</Text>
            </View>
          ))
        )}
      </View>
      <Text
        className='zu-more zu-more--link'
        onClick={() =>
          void Taro.navigateTo({ url: withQuery(ROUTES.quizRanking, { quizId: quiz.id, branchId: stats.branch.id }) })
        }
      >
        查看完整排行 ›
      </Text>
    </>
  )
}

function Figure({ value, label, testId }: { value: string; label: string; testId?: string }) {
  return (
    <View className='zs-figure' data-testid={testId}>
      <Text className='zs-figure__value'>{value}</Text>
      <Text className='zs-figure__label'>{label}</Text>
    </View>
  )
}
