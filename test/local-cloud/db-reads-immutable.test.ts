/**
 * No read reaches a stored document by reference (issue #12). The engine hands its stored documents to
 * queries, aggregate stages, projections, updates and transactions without copying them; they are
 * deep-frozen, so a stage that tried to write into one would throw instead of changing data for good.
 * Here every aggregate stage and query option the SDK can send runs over stored documents, through the
 * REAL wx-server-sdk, and the stored data must be exactly what it was, and each call must succeed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LocalDatabase } from '../../local-cloud/src/db'
import { Collection } from '../../local-cloud/src/db/collection'
import { sdkOverFreshDb, type Database, type SdkOverDb } from './helpers/db-server'

type Doc = Record<string, unknown>

const COLLECTIONS = {
  collections: {
    members: { indexes: [{ name: 'team', keys: { team: 1 } }] },
    reports: { indexes: [{ name: 'member', keys: { memberId: 1 } }] },
  },
}

let fixture: SdkOverDb | undefined
let db: LocalDatabase
let wx: Database

const MEMBERS: Doc[] = [
  {
    _id: 'm1',
    team: 'a',
    name: '甲',
    profile: { level: 1, tags: ['x', 'y'] },
    scores: [
      { k: 'q', v: 1 },
      { k: 'r', v: 2 },
    ],
  },
  { _id: 'm2', team: 'a', name: '乙', profile: { level: 2, tags: [] }, scores: [{ k: 'q', v: 3 }] },
  { _id: 'm3', team: 'b', name: '丙', profile: { level: 3, tags: ['z'] }, scores: [] },
]
const REPORTS: Doc[] = [
  {
    _id: 'r1',
    memberId: 'm1',
    status: 'approved',
    versions: [{ n: 1, text: '第一稿', photos: ['p1', 'p2'] }],
    review: { by: 's', comment: '好' },
  },
  {
    _id: 'r2',
    memberId: 'm1',
    status: 'approved',
    versions: [
      { n: 1, text: '第二篇', photos: [] },
      { n: 2, text: '改稿', photos: ['p3'] },
    ],
    review: { by: 's', comment: '通过' },
  },
  { _id: 'r3', memberId: 'm2', status: 'returned', versions: [{ n: 1, text: '乙的汇报', photos: [] }], review: null },
]

beforeAll(async () => {
  fixture = await sdkOverFreshDb('db-immutable-', COLLECTIONS, {
    fill: async (fresh) => {
      await fresh.insertMany('members', MEMBERS)
      await fresh.insertMany('reports', REPORTS)
    },
  })
  ;({ db, wx } = fixture)
})

afterAll(async () => {
  await fixture?.close()
})

async function stored(): Promise<string> {
  return JSON.stringify({ members: await db.find('members', {}), reports: await db.find('reports', {}) })
}

async function aggregate(pipeline: { end(): unknown }): Promise<Doc[]> {
  return ((await pipeline.end()) as { list: Doc[] }).list
}

/** The SDK has `aggregate.pipeline()` (for `$lookup` sub-pipelines); its .d.ts does not name it. */
interface PipelineStages {
  match(query: Doc): PipelineStages
  project(projection: Doc): PipelineStages
  done(): unknown
}
function withPipeline<T extends object>(aggregateCommand: T): T & { pipeline(): PipelineStages } {
  return aggregateCommand as T & { pipeline(): PipelineStages }
}

async function list(query: { get(): unknown }): Promise<Doc[]> {
  return ((await query.get()) as { data: Doc[] }).data
}

describe('stored documents are frozen', () => {
  it('a document that enters a collection is immutable all the way down', () => {
    const coll = new Collection('x', [])
    coll.apply([{ key: 'a', after: { _id: 'a', nested: { list: [{ v: 1 }] } } }])
    const doc = coll.getByKey('a')?.doc as { nested: { list: { v: number }[] } }
    expect(() => {
      doc.nested.list[0].v = 2
    }).toThrow(TypeError)
    expect(() => {
      doc.nested.list.push({ v: 3 })
    }).toThrow(TypeError)
    expect(() => {
      delete (doc as Partial<typeof doc>).nested
    }).toThrow(TypeError)
    coll.load([['b', { _id: 'b', o: { p: 1 } }]])
    expect(Object.isFrozen((coll.getByKey('b')?.doc as { o: object }).o)).toBe(true)
  })
})

describe('every aggregate stage and query option leaves stored documents unchanged', () => {
  const _ = () => wx.command
  const $ = () => wx.command.aggregate
  const members = () => wx.collection('members').aggregate()

  const cases: Array<[string, () => Promise<Doc[]>]> = [
    // The reproduction: a $lookup's joined documents, then an exclusion of their nested fields.
    [
      'lookup then exclusion project of joined fields',
      () =>
        aggregate(
          members()
            .match({ _id: 'm1' })
            .lookup({ from: 'reports', localField: '_id', foreignField: 'memberId', as: 'reportDocs' })
            .project({ 'reportDocs.versions': 0, 'reportDocs.review': 0 }),
        ),
    ],
    [
      'lookup then inclusion project of joined fields',
      () =>
        aggregate(
          members()
            .lookup({ from: 'reports', localField: '_id', foreignField: 'memberId', as: 'reportDocs' })
            .project({ name: 1, 'reportDocs.status': 1 })
            .limit(10),
        ),
    ],
    [
      'lookup then unwind then addFields into the joined document',
      () =>
        aggregate(
          members()
            .lookup({ from: 'reports', localField: '_id', foreignField: 'memberId', as: 'r' })
            .unwind('$r')
            .addFields({ 'r.status': 'x', 'r.versions': [] })
            .limit(10),
        ),
    ],
    [
      'lookup with a pipeline',
      () =>
        aggregate(
          members()
            .lookup({
              from: 'reports',
              let: { id: '$_id' },
              pipeline: withPipeline($())
                .pipeline()
                .match({ $expr: { $eq: ['$memberId', '$$id'] } })
                .project({ versions: 0 })
                .done(),
              as: 'r',
            })
            .limit(10),
        ),
    ],
    // Top-level $addFields are not copied first (a caller's own entry of a 1,000-entry sheet, see _shared/auth).
    [
      'lookup then top-level addFields built from the joined documents, then one writing into them',
      async () => [
        ...(await aggregate(
          members()
            .match({ _id: 'm1' })
            .lookup({ from: 'reports', localField: '_id', foreignField: 'memberId', as: 'r' })
            .addFields({
              r: $().map({
                input: '$r',
                as: 'd',
                in: $().mergeObjects(['$$d', { versions: $().slice(['$$d.versions', 0, 1]) }]),
              }),
              first: $().arrayElemAt(['$r', 0]),
            }),
        )),
        ...(await aggregate(
          members()
            .lookup({ from: 'reports', localField: '_id', foreignField: 'memberId', as: 'r' })
            .addFields({ first: $().arrayElemAt(['$r', 0]) })
            .addFields({ 'first.status': 'x', 'first.versions': [] })
            .limit(10),
        )),
      ],
    ],
    ['project: nested exclusion', () => aggregate(members().project({ 'profile.tags': 0 }).limit(10))],
    ['project: nested inclusion', () => aggregate(members().project({ 'profile.level': 1, 'scores.v': 1 }).limit(10))],
    ['project: top-level exclusion', () => aggregate(members().project({ profile: 0, scores: 0 }).limit(10))],
    [
      'project: computed fields',
      () =>
        aggregate(
          members()
            .project({ name: 1, n: $().size('$scores'), level: '$profile.level' })
            .limit(10),
        ),
    ],
    [
      'addFields into nested objects',
      () =>
        aggregate(
          members()
            .addFields({ 'profile.level': 99, 'profile.tags': ['changed'] })
            .limit(10),
        ),
    ],
    [
      'unwind arrays, then addFields on the unwound element',
      () => aggregate(members().unwind('$scores').addFields({ 'scores.v': 0 }).limit(10)),
    ],
    [
      'unwind with index and empty arrays kept',
      () =>
        aggregate(
          members()
            .unwind({ path: '$profile.tags', includeArrayIndex: 'i', preserveNullAndEmptyArrays: true })
            .limit(10),
        ),
    ],
    [
      'replaceRoot with a nested object, then addFields',
      () => aggregate(members().replaceRoot({ newRoot: '$profile' }).addFields({ level: 0, tags: [] }).limit(10)),
    ],
    [
      'group: push $$ROOT, first, last, addToSet, mergeObjects, then project',
      () =>
        aggregate(
          members()
            .group({
              _id: '$team',
              all: $().push('$$ROOT'),
              first: $().first('$profile'),
              last: $().last('$scores'),
              tags: $().addToSet('$profile.tags'),
              merged: $().mergeObjects('$profile'),
            })
            .project({ 'all.profile': 0, 'first.tags': 0 })
            .limit(10),
        ),
    ],
    [
      'group then unwind then addFields',
      () =>
        aggregate(
          members()
            .group({ _id: '$team', docs: $().push('$$ROOT') })
            .unwind('$docs')
            .addFields({ 'docs.name': '改' })
            .limit(10),
        ),
    ],
    [
      'sort, skip, limit, count, sortByCount, sample',
      async () => [
        ...(await aggregate(members().sort({ team: -1 }).skip(1).limit(2))),
        ...(await aggregate(members().count('n'))),
        ...(await aggregate(members().sortByCount('$team'))),
        ...(await aggregate(members().sample({ size: 2 }))),
      ],
    ],
    [
      'bucket',
      () =>
        aggregate(
          members().bucket({
            groupBy: '$profile.level',
            boundaries: [0, 2, 10],
            default: 'other',
            output: { docs: $().push('$$ROOT') },
          }),
        ),
    ],
    [
      'get with nested field() exclusion',
      () => list(wx.collection('reports').field({ 'versions.photos': false, 'review.comment': false })),
    ],
    [
      'get with nested field() inclusion',
      () => list(wx.collection('reports').field({ 'versions.text': true, status: true })),
    ],
    [
      'get with orderBy, skip, limit and operators',
      () =>
        list(
          wx
            .collection('members')
            .where({ scores: _().elemMatch({ v: _().gte(1) }), 'profile.level': _().in([1, 2]) })
            .orderBy('profile.level', 'desc')
            .skip(0)
            .limit(5),
        ),
    ],
    [
      'count',
      async () => [{ n: ((await wx.collection('members').where({ team: 'a' }).count()) as { total: number }).total }],
    ],
  ]

  for (const [name, run] of cases) {
    it(name, async () => {
      const before = await stored()
      const rows = await run()
      expect(Array.isArray(rows)).toBe(true)
      expect(await stored()).toBe(before)
    })
  }

  it('an update copies the document it changes; a failed one changes nothing', async () => {
    await wx
      .collection('members')
      .doc('m3')
      .update({ data: { 'profile.tags': _().push('w'), scores: _().push({ k: 's', v: 9 }) } })
    const [m3] = await db.find('members', { _id: 'm3' })
    expect(m3.profile).toEqual({ level: 3, tags: ['z', 'w'] })
    const before = await stored()
    await expect(
      wx
        .collection('members')
        .doc('m3')
        .update({ data: { _id: 'other' } }),
    ).rejects.toBeTruthy()
    expect(await stored()).toBe(before)
  })

  it('reads inside a transaction, of stored documents and of its own writes, change neither', async () => {
    const before = await stored()
    await wx
      .runTransaction(async (tx: Database) => {
        const own = tx.collection('reports')
        await own.doc('r9').set({ data: { memberId: 'm3', status: 'draft', versions: [{ n: 1, text: '草稿' }] } })
        await own.doc('r9').update({ data: { 'versions.0.text': '草稿二' } })
        const read = (await own.doc('r9').get()) as { data: Doc }
        expect((read.data.versions as Doc[])[0].text).toBe('草稿二')
        await tx.collection('members').doc('m1').get()
        throw new Error('roll back')
      })
      .catch(() => undefined)
    expect(await stored()).toBe(before)
  })
})
