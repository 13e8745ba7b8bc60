import { defineFunction } from '../../_shared/handler'
import {
  appraise,
  closeAppraisal,
  decideGrade,
  getAppraisal,
  publishAppraisal,
  saveSelf,
  startAppraisal,
} from './appraisal'
import { voicesSchemas, type VoicesContract } from './contract'
import { exportAppraisal, exportSurvey } from './exports'
import { home, manage } from './home'
import { awardHonour, declineNomination, honours, nominate } from './honours'
import { answerSurvey, closeSurvey, createSurvey, getSurvey } from './surveys'
import { castVote, closeVote, createVote, getVote } from './votes'

/**
 * Voices (issue #20): 民主评议党员, votes with quorum and majority (`_shared/quorum`), surveys (征求意见) and
 * the 榜样 window. Anonymous ballots are counted in tallies that hold no voter (ballot-box.ts).
 */
export const main = defineFunction<VoicesContract>('voices', voicesSchemas, {
  home,
  manage,
  startAppraisal,
  appraisal: getAppraisal,
  saveSelf,
  appraise,
  closeAppraisal,
  decideGrade,
  publishAppraisal,
  exportAppraisal,
  createVote,
  vote: getVote,
  castVote,
  closeVote,
  createSurvey,
  survey: getSurvey,
  answerSurvey,
  closeSurvey,
  exportSurvey,
  honours,
  nominate,
  awardHonour,
  declineNomination,
})
