import { demoOpenid } from '../../local-cloud/src/seed/people'

/** The seeded people most tests act as (local-cloud/src/seed/people.ts), by what they are. */
export const COMMITTEE = demoOpenid('T2009001') // 刘建国, the college Party committee
export const CS_SECRETARY = demoOpenid('T2016003') // 陈立华, secretary of branch-cs
export const SE_SECRETARY = demoOpenid('2020020102') // 林晓雯, secretary of branch-se
