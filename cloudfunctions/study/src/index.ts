import { defineFunction } from '../../_shared/handler'
import { clockIn, clockInCalendar } from './clock-in'
import { columns, moveColumn, saveColumn } from './columns'
import { comment, comments, moderate } from './comments'
import { studySchemas, type StudyContract } from './contract'
import { favorite, favorites, history, like } from './marks'
import { points, pointsHistory, ranking } from './points-view'
import { managed, publish, withdraw } from './publish'
import { feed, finishArticle, get, list, openArticle } from './reading'
import { watchVideo } from './watching'

/** 学习: columns and articles, reading points, 微论坛 comments, publishing, daily check-in, points and rankings. */
export const main = defineFunction<StudyContract>('study', studySchemas, {
  columns,
  saveColumn,
  moveColumn,
  feed,
  list,
  get,
  openArticle,
  finishArticle,
  watchVideo,
  like,
  favorite,
  favorites,
  history,
  comment,
  comments,
  moderate,
  publish,
  withdraw,
  managed,
  clockIn,
  clockInCalendar,
  points,
  pointsHistory,
  ranking,
})
