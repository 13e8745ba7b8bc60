/**
 * Protocol contract of the local database engine, through the REAL wx-server-sdk 4.0.2 in this process:
 * every database action the SDK sends, the replies it expects, and the semantics functions rely on.
 * The SDK reaches the engine through a tiny HTTP front (helpers/db-server.ts).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { LocalDatabase, QueryLogEntry } from '../../local-cloud/src/db'
import { sdkOverFreshDb, type Database, type SdkOverDb } from './helpers/db-server'
import { transfer } from './helpers/transfer'

type Doc = Record<string, unknown>

const COLLECTIONS = {
  collections: {
    people: {
      indexes: [
        { name: 'email_unique', keys: { email: 1 }, unique: true },
        { name: 'team_age', keys: { team: 1, age: -1 } },
      ],
    },
    teams: { indexes: [{ name: 'code_unique', keys: { code: 1 }, unique: true }] },
    things: { indexes: [] },
    accounts: { indexes: [] },
    events: { indexes: [{ name: 'at', keys: { at: -1 } }] },
    tagged: { indexes: [{ name: 'kind_tag_at', keys: { kind: 1, tags: 1, at: -1 }, multikey: true }] },
  },
}

let fixture: SdkOverDb | undefined
let db: LocalDatabase
let wx: Database
const log: QueryLogEntry[] = []

beforeAll(async () => {
  fixture = await sdkOverFreshDb('db-contract-', COLLECTIONS, { onQuery: (e) => log.push(e) })
  ;({ db, wx } = fixture)
})

afterAll(async () => {
  await fixture?.close()
})

// ---------------------------------------------------------------------------------------------
// Small typed views of the SDK's results (its .d.ts types every call as `Promise<X> | void | string`).

async function list(query: { get(): unknown }): Promise<Doc[]> {
  return ((await query.get()) as { data: Doc[] }).data
}

async function one(ref: { get(): unknown }): Promise<Doc> {
  return ((await ref.get()) as { data: Doc }).data
}

async function count(query: { count(): unknown }): Promise<number> {
  return ((await query.count()) as { total: number }).total
}

async function updated(call: unknown): Promise<number> {
  return ((await call) as { stats: { updated: number } }).stats.updated
}

async function removed(call: unknown): Promise<number> {
  return ((await call) as { stats: { removed: number } }).stats.removed
}

async function aggregate(pipeline: { end(): unknown }): Promise<Doc[]> {
  return ((await pipeline.end()) as { list: Doc[] }).list
}

/** Resolves to the error the SDK threw (fails the test if it did not throw). */
async function failure(call: unknown): Promise<{ errCode?: number; errMsg?: string; code?: string; message: string }> {
  try {
    await call
  } catch (error) {
    return error as { errCode?: number; errMsg?: string; code?: string; message: string }
  }
  throw new Error('expected the call to fail')
}

function ids(docs: Doc[]): unknown[] {
  return docs.map((d) => d._id)
}

function lastLog(action: string): QueryLogEntry {
  const entry = [...log].reverse().find((e) => e.action === action)
  if (!entry) throw new Error(`no ${action} in the query log`)
  return entry
}

/** One document of the `things` collection, by id. */
const thing = (id: string) => wx.collection('things').doc(id)

/** A pipeline on the seeded `people` collection, continued by each test. */
const peoplePipeline = () => wx.collection('people').aggregate()

/** How the last aggregate was answered (index, keys and documents examined). */
const aggregatePlan = (): QueryLogEntry => lastLog('database.aggregateDocuments')

async function clear(collection: string): Promise<void> {
  await wx
    .collection(collection)
    .where({ _id: wx.command.exists(true) })
    .remove()
}

// ---------------------------------------------------------------------------------------------

describe('insertDocument (add)', () => {
  beforeEach(() => clear('things'))

  it('generates 32-hex ids, keeps custom ids, and answers batch ids in order', async () => {
    const single = (await wx.collection('things').add({ data: { a: 1 } })) as { _id: string }
    expect(single._id).toMatch(/^[0-9a-f]{32}$/)
    const custom = (await wx.collection('things').add({ data: { _id: 'custom-1', a: 2 } })) as { _id: string }
    expect(custom._id).toBe('custom-1')
    const batch = await wx.collection('things').add({ data: [{ _id: 'b1', a: 3 }, { a: 4 }] })
    expect(batch).toMatchObject({ _ids: ['b1', expect.stringMatching(/^[0-9a-f]{32}$/)] })
    expect(await one(thing('custom-1'))).toEqual({ _id: 'custom-1', a: 2 })
    expect(await count(wx.collection('things'))).toBe(4)
  })

  it('logs how long a write waited for its WAL fsync, and no such wait for a read', async () => {
    await wx.collection('things').add({ data: { _id: 'synced', a: 1 } })
    const write = lastLog('database.insertDocument')
    expect(write.durableMs).toBeGreaterThan(0)
    expect(write.durableMs).toBeLessThanOrEqual(write.ms)
    await one(thing('synced'))
    expect(lastLog('database.getDocument').durableMs).toBe(0)
  })

  it('rejects a duplicate _id with the duplicate-key error and writes nothing of the batch', async () => {
    await wx.collection('things').add({ data: { _id: 'dup', a: 1 } })
    const err = await failure(wx.collection('things').add({ data: { _id: 'dup', a: 2 } }))
    expect(err.errCode).toBe(-502001)
    expect(err.errMsg).toMatch(/E11000 duplicate key/)
    const batchErr = await failure(wx.collection('things').add({ data: [{ _id: 'new-one' }, { _id: 'dup' }] }))
    expect(batchErr.errCode).toBe(-502001)
    expect(await list(wx.collection('things').where({ _id: 'new-one' }))).toEqual([])
    expect((await one(thing('dup'))).a).toBe(1)
  })

  it('turns serverDate into the server clock (with offset) and round-trips Dates and other values', async () => {
    // The SDK's type omits serverDate's documented `offset` option; a function of fewer parameters fits this type.
    const serverDateWithOffset: (options: { offset: number }) => unknown = wx.serverDate
    // JSON-like values come back exactly as written.
    const plain = {
      int: 42,
      negative: -7,
      float: 3.25,
      big: 2 ** 40,
      text: '中文 ✓',
      yes: true,
      nothing: null,
      list: [1, 'two', { three: 3 }],
    }
    const before = Date.now()
    await wx.collection('things').add({
      data: {
        _id: 'values',
        created: wx.serverDate(),
        later: serverDateWithOffset({ offset: 60_000 }),
        fixed: new Date('2024-05-06T07:08:09.010Z'),
        nested: { dates: [new Date(0), { at: new Date(86_400_000) }] },
        ...plain,
      },
    })
    const after = Date.now()
    const doc = await one(thing('values'))
    expect(doc.created).toBeInstanceOf(Date)
    expect((doc.created as Date).getTime()).toBeGreaterThanOrEqual(before)
    expect((doc.created as Date).getTime()).toBeLessThanOrEqual(after)
    expect((doc.later as Date).getTime() - (doc.created as Date).getTime()).toBe(60_000)
    expect(doc.fixed).toEqual(new Date('2024-05-06T07:08:09.010Z'))
    expect(doc.nested).toEqual({ dates: [new Date(0), { at: new Date(86_400_000) }] })
    expect(doc).toMatchObject(plain)
    // a Date is queryable as a Date
    expect(ids(await list(wx.collection('things').where({ fixed: new Date('2024-05-06T07:08:09.010Z') })))).toEqual([
      'values',
    ])
    expect(ids(await list(wx.collection('things').where({ created: wx.command.lte(new Date()) })))).toEqual(['values'])
    expect(ids(await list(wx.collection('things').where({ later: wx.command.gt(wx.serverDate()) })))).toEqual([
      'values',
    ])
  })
})

describe('getDocument: query operators', () => {
  const _ = () => wx.command
  beforeAll(async () => {
    await clear('things')
    await wx.collection('things').add({
      data: [
        {
          _id: 'p1',
          n: 1,
          name: 'Alice',
          tags: ['a', 'b'],
          info: { city: 'Beijing', zip: 100 },
          items: [{ k: 1, v: 'x' }],
          extra: 5,
        },
        { _id: 'p2', n: 2, name: 'bob', tags: ['b'], info: { city: 'Shanghai', zip: 200 }, items: [{ k: 2, v: 'y' }] },
        {
          _id: 'p3',
          n: 3,
          name: 'Carol',
          tags: ['a', 'b', 'c'],
          info: { city: 'Beijing', zip: 300 },
          items: [{ k: 1, v: 'y' }],
          extra: 1,
        },
        { _id: 'p4', n: 4, name: 'dave', tags: [], info: { city: 'Xi’an', zip: 400 }, items: [] },
      ],
    })
  })

  const cases: Array<[string, () => Record<string, unknown>, string[]]> = [
    ['plain equality', () => ({ n: 2 }), ['p2']],
    ['eq', () => ({ n: _().eq(3) }), ['p3']],
    ['neq', () => ({ n: _().neq(3) }), ['p1', 'p2', 'p4']],
    ['gt', () => ({ n: _().gt(2) }), ['p3', 'p4']],
    ['gte', () => ({ n: _().gte(2) }), ['p2', 'p3', 'p4']],
    ['lt', () => ({ n: _().lt(2) }), ['p1']],
    ['lte', () => ({ n: _().lte(2) }), ['p1', 'p2']],
    ['in', () => ({ n: _().in([1, 4, 9]) }), ['p1', 'p4']],
    ['nin', () => ({ n: _().nin([1, 4]) }), ['p2', 'p3']],
    ['field and (range)', () => ({ n: _().gt(1).and(_().lt(4)) }), ['p2', 'p3']],
    ['or', () => ({ n: _().eq(1).or(_().eq(4)) }), ['p1', 'p4']],
    ['exists true', () => ({ extra: _().exists(true) }), ['p1', 'p3']],
    ['exists false', () => ({ extra: _().exists(false) }), ['p2', 'p4']],
    ['size', () => ({ tags: _().size(2) }), ['p1']],
    ['all', () => ({ tags: _().all(['a', 'b']) }), ['p1', 'p3']],
    ['array contains', () => ({ tags: 'c' }), ['p3']],
    ['elemMatch', () => ({ items: _().elemMatch({ k: 1, v: 'y' }) }), ['p3']],
    ['mod', () => ({ n: _().mod(2, 0) }), ['p2', 'p4']],
    ['JS regex', () => ({ name: /^[a-c]/ }), ['p2']],
    ['JS regex with flag', () => ({ name: /^[a-c]/i }), ['p1', 'p2', 'p3']],
    ['db.RegExp', () => ({ name: wx.RegExp({ regexp: 'o', options: 'i' }) }), ['p2', 'p3']],
    ['nested object becomes dot path', () => ({ info: { city: 'Beijing' } }), ['p1', 'p3']],
    ['dot path', () => ({ 'info.zip': _().gte(300) }), ['p3', 'p4']],
    ['not', () => ({ n: _().not(_().gt(2)) }), ['p1', 'p2']],
  ]

  it.each(cases)('%s', async (_name, where, expected) => {
    expect(ids(await list(wx.collection('things').where(where()).orderBy('n', 'asc'))).sort()).toEqual(expected)
  })

  it('logical or / nor / and across fields', async () => {
    const c = wx.command
    expect(
      ids(
        await list(
          wx
            .collection('things')
            .where(c.or([{ n: 1 }, { 'info.city': 'Shanghai' }]))
            .orderBy('n', 'asc'),
        ),
      ),
    ).toEqual(['p1', 'p2'])
    expect(
      ids(
        await list(
          wx
            .collection('things')
            .where(c.nor([{ n: 1 }, { n: 2 }]))
            .orderBy('n', 'asc'),
        ),
      ),
    ).toEqual(['p3', 'p4'])
    expect(ids(await list(wx.collection('things').where(c.and([{ n: c.gt(1) }, { 'info.city': 'Beijing' }]))))).toEqual(
      ['p3'],
    )
  })

  it('$expr compares fields of the same document', async () => {
    const c = wx.command as typeof wx.command & { expr(e: unknown): Record<string, unknown> }
    expect(ids(await list(wx.collection('things').where(c.expr(c.aggregate.gt(['$extra', '$n'])))))).toEqual(['p1'])
  })

  it('orderBy on several fields, skip, limit and field()', async () => {
    const byCityThenN = await list(wx.collection('things').orderBy('info.city', 'asc').orderBy('n', 'desc'))
    expect(ids(byCityThenN)).toEqual(['p3', 'p1', 'p2', 'p4'])
    const page = await list(wx.collection('things').orderBy('n', 'desc').skip(1).limit(2))
    expect(ids(page)).toEqual(['p3', 'p2'])
    const projected = await list(wx.collection('things').where({ _id: 'p1' }).field({ name: true, 'info.city': true }))
    expect(projected).toEqual([{ _id: 'p1', name: 'Alice', info: { city: 'Beijing' } }])
    const excluded = await list(
      wx.collection('things').where({ _id: 'p2' }).field({ items: false, tags: false, info: false }),
    )
    expect(excluded).toEqual([{ _id: 'p2', n: 2, name: 'bob' }])
    const docProjected = await one(thing('p4').field({ n: true }))
    expect(docProjected).toEqual({ _id: 'p4', n: 4 })
  })

  it('doc().get of a missing document fails in the SDK (empty list answered)', async () => {
    const err = await failure(thing('nope').get())
    expect(err.errMsg).toMatch(/does not exist/)
  })

  it('count answers the number of matches', async () => {
    expect(await count(wx.collection('things').where({ 'info.city': 'Beijing' }))).toBe(2)
    expect(await count(wx.collection('things'))).toBe(4)
  })
})

describe('getDocument: limits', () => {
  it('defaults to 100 documents and caps a raw request at 1000', async () => {
    await clear('things')
    const docs = Array.from({ length: 1100 }, (_, i) => ({ _id: `l${String(i).padStart(4, '0')}`, i }))
    await db.insertMany('things', docs)
    expect(await list(wx.collection('things'))).toHaveLength(100)
    expect(await list(wx.collection('things').limit(1000))).toHaveLength(1000)
    const raw = await db.handle(
      'database.getDocument',
      { collectionName: 'things', queryType: 'WHERE', limit: 5000 },
      'test',
    )
    expect((raw.data as { list: string[] }).list).toHaveLength(1000)
    expect(raw.requestId).toEqual(expect.any(String))
  })
})

describe('modifyDocument (update / set)', () => {
  beforeEach(async () => {
    await clear('things')
    await wx.collection('things').add({
      data: {
        _id: 'u',
        n: 5,
        m: 3,
        lo: 10,
        hi: 10,
        old: 'x',
        gone: 1,
        arr: [1, 2, 3],
        set: ['a'],
        obj: { keep: 1, change: 1 },
      },
    })
  })

  it('applies every update operator', async () => {
    const _ = wx.command
    const n = await updated(
      thing('u').update({
        data: {
          n: _.inc(2),
          m: _.mul(4),
          lo: _.min(7),
          hi: _.max(12),
          old: _.rename('renamed'),
          gone: _.remove(),
          set: _.addToSet({ $each: ['a', 'b'] }),
          obj: { change: 2, added: { deep: true } },
          fresh: 'new',
        },
      }),
    )
    expect(n).toBe(1)
    expect(await one(thing('u'))).toEqual({
      _id: 'u',
      n: 7,
      m: 12,
      lo: 7,
      hi: 12,
      renamed: 'x',
      arr: [1, 2, 3],
      set: ['a', 'b'],
      obj: { keep: 1, change: 2, added: { deep: true } },
      fresh: 'new',
    })
  })

  it('array operators: push with each/position/slice/sort, pop, shift, unshift, pull, pullAll', async () => {
    const _ = wx.command
    const doc = thing('u')
    await doc.update({ data: { arr: _.push({ each: [9, 0], position: 1 }) } })
    expect((await one(doc)).arr).toEqual([1, 9, 0, 2, 3])
    await doc.update({ data: { arr: _.push({ each: [7], sort: 1, slice: 4 }) } })
    expect((await one(doc)).arr).toEqual([0, 1, 2, 3])
    await doc.update({ data: { arr: _.push(['x']) } })
    expect((await one(doc)).arr).toEqual([0, 1, 2, 3, 'x'])
    await doc.update({ data: { arr: _.pop() } })
    await doc.update({ data: { arr: _.shift() } })
    expect((await one(doc)).arr).toEqual([1, 2, 3])
    await doc.update({ data: { arr: _.unshift([-1, 0]) } })
    expect((await one(doc)).arr).toEqual([-1, 0, 1, 2, 3])
    await doc.update({ data: { arr: _.pull(_.lt(1)) } })
    expect((await one(doc)).arr).toEqual([1, 2, 3])
    await doc.update({ data: { arr: _.pull(2) } })
    await doc.update({ data: { arr: _.pullAll([3]) } })
    expect((await one(doc)).arr).toEqual([1])
  })

  it('_.set replaces an embedded object instead of merging it', async () => {
    await thing('u').update({ data: { obj: wx.command.set({ only: true }) } })
    expect((await one(thing('u'))).obj).toEqual({ only: true })
  })

  it('answers updated 0 when nothing changes or nothing matches', async () => {
    expect(await updated(thing('u').update({ data: { n: 5 } }))).toBe(0)
    expect(await updated(thing('missing').update({ data: { n: 1 } }))).toBe(0)
    expect(await count(wx.collection('things'))).toBe(1)
  })

  it('refuses to change _id', async () => {
    const err = await failure(thing('u').update({ data: { _id: 'other' } }))
    expect(err.errMsg).toMatch(/_id/)
  })

  it('doc.set replaces the whole document, and upserts when absent', async () => {
    const replaced = (await thing('u').set({ data: { only: 1, at: new Date(5) } })) as {
      _id: string
      stats: { updated: number; created: number }
    }
    expect(replaced.stats).toEqual({ updated: 1, created: 0 })
    expect(await one(thing('u'))).toEqual({ _id: 'u', only: 1, at: new Date(5) })
    const created = (await thing('brand-new').set({ data: { v: wx.serverDate() } })) as {
      _id: string
      stats: { updated: number; created: number }
    }
    expect(created).toMatchObject({ _id: 'brand-new', stats: { updated: 0, created: 1 } })
    expect((await one(thing('brand-new'))).v).toBeInstanceOf(Date)
  })

  it('where().update updates every match (multi) and where().remove removes every match', async () => {
    await wx.collection('things').add({
      data: [
        { _id: 'w1', g: 1 },
        { _id: 'w2', g: 1 },
        { _id: 'w3', g: 2 },
      ],
    })
    expect(
      await updated(
        wx
          .collection('things')
          .where({ g: 1 })
          .update({ data: { flagged: true } }),
      ),
    ).toBe(2)
    expect(ids(await list(wx.collection('things').where({ flagged: true }).orderBy('_id', 'asc')))).toEqual([
      'w1',
      'w2',
    ])
    expect(
      await removed(
        wx
          .collection('things')
          .where({ g: wx.command.exists(true) })
          .remove(),
      ),
    ).toBe(3)
    expect(await removed(thing('u').remove())).toBe(1)
    expect(await removed(thing('u').remove())).toBe(0)
    expect(await count(wx.collection('things'))).toBe(0)
  })

  it('modifyAndReturnDoc (updateAndReturn) answers the updated document', async () => {
    // wx-server-sdk does not wrap updateAndReturn; its @cloudbase/database instance has it.
    type Inner = {
      collection(name: string): {
        where(q: Doc): { updateAndReturn(data: Doc): Promise<{ updated: number; doc: Doc | null }> }
      }
    }
    const hasInner = (db: object): db is { _db: Inner } => '_db' in db
    if (!hasInner(wx)) throw new Error('the SDK database has no _db')
    const inner = wx._db
    const result = await inner
      .collection('things')
      .where({ _id: 'u' })
      .updateAndReturn({ n: wx.command.inc(10) })
    expect(result.updated).toBe(1)
    expect(result.doc).toMatchObject({ _id: 'u', n: 15 })
    const none = await inner.collection('things').where({ _id: 'nobody' }).updateAndReturn({ n: 1 })
    expect(none).toMatchObject({ updated: 0, doc: null })
  })
})

describe('aggregateDocuments', () => {
  beforeAll(async () => {
    await clear('people')
    await clear('teams')
    await wx.collection('teams').add({
      data: [
        { _id: 't1', code: 'a', title: 'Team A' },
        { _id: 't2', code: 'b', title: 'Team B' },
      ],
    })
    await wx.collection('people').add({
      data: [
        { _id: 'a1', team: 'a', age: 20, email: 'a1@x', skills: ['js', 'go'], profile: { level: 1 } },
        { _id: 'a2', team: 'a', age: 30, email: 'a2@x', skills: ['js'], profile: { level: 2 } },
        { _id: 'b1', team: 'b', age: 40, email: 'b1@x', skills: ['go'], profile: { level: 3 } },
        { _id: 'c1', team: 'c', age: 50, email: 'c1@x', skills: [], profile: { level: 4 } },
      ],
    })
  })

  it('match, lookup, unwind, group, sort, project', async () => {
    const $ = wx.command.aggregate
    const rows = await aggregate(
      peoplePipeline()
        .match({ age: wx.command.lt(50) })
        .lookup({ from: 'teams', localField: 'team', foreignField: 'code', as: 'teamDocs' })
        .unwind('$teamDocs')
        .group({ _id: '$teamDocs.title', people: $.sum(1), avgAge: $.avg('$age'), ids: $.push('$_id') })
        .sort({ people: -1, _id: 1 })
        .project({ _id: 0, title: '$_id', people: 1, avgAge: 1, ids: 1 }),
    )
    expect(rows).toEqual([
      { title: 'Team A', people: 2, avgAge: 25, ids: ['a1', 'a2'] },
      { title: 'Team B', people: 1, avgAge: 40, ids: ['b1'] },
    ])
  })

  it('count, sortByCount, unwind of arrays, addFields without touching stored documents', async () => {
    expect(await aggregate(peoplePipeline().match({ team: 'a' }).count('n'))).toEqual([{ n: 2 }])
    const bySkill = await aggregate(peoplePipeline().unwind('$skills').sortByCount('$skills'))
    expect(bySkill).toHaveLength(2)
    expect(bySkill).toEqual(
      expect.arrayContaining([
        { _id: 'go', count: 2 },
        { _id: 'js', count: 2 },
      ]),
    )
    const bumped = await aggregate(peoplePipeline().match({ _id: 'a1' }).addFields({ 'profile.level': 99 }))
    expect((bumped[0].profile as Doc).level).toBe(99)
    expect((await one(wx.collection('people').doc('a1'))).profile).toEqual({ level: 1 })
  })

  it('a $lookup on an array local field joins only the documents found, never holes', async () => {
    const rows = await aggregate(
      peoplePipeline()
        .match({ _id: 'a1' })
        .addFields({ codes: ['a', 'missing', 'b'] })
        .lookup({ from: 'teams', localField: 'codes', foreignField: 'code', as: 'teamDocs' }),
    )
    expect((rows[0].teamDocs as Doc[]).map((t) => t._id).sort()).toEqual(['t1', 't2'])
  })

  it('returns at most 20 results without a limit stage, like the real cloud', async () => {
    await clear('things')
    await db.insertMany(
      'things',
      Array.from({ length: 30 }, (_, i) => ({ i })),
    )
    expect(await aggregate(wx.collection('things').aggregate().match({}))).toHaveLength(20)
    expect(await aggregate(wx.collection('things').aggregate().match({}).limit(25))).toHaveLength(25)
  })
})

describe('transactions', () => {
  beforeEach(async () => {
    await clear('accounts')
    await wx.collection('accounts').add({
      data: [
        { _id: 'alice', balance: 100 },
        { _id: 'bob', balance: 0 },
        { _id: 'counter', n: 0 },
      ],
    })
  })

  it('runTransaction commits every write at once and returns the callback value', async () => {
    const result: unknown = await wx.runTransaction(async (t: Database) => {
      await transfer(t, wx.command, 'accounts', 'alice', 'bob', 30)
      await t.collection('accounts').add({ data: { _id: 'receipt', amount: 30 } })
      return 'done'
    })
    expect(result).toBe('done')
    expect((await one(wx.collection('accounts').doc('alice'))).balance).toBe(70)
    expect((await one(wx.collection('accounts').doc('bob'))).balance).toBe(30)
    expect((await one(wx.collection('accounts').doc('receipt'))).amount).toBe(30)
  })

  it('reads inside see their own writes; others see nothing until commit', async () => {
    const t = await wx.startTransaction()
    await t
      .collection('accounts')
      .doc('alice')
      .update({ data: { balance: 1 } })
    await t.collection('accounts').add({ data: { _id: 'carol', balance: 5 } })
    await t.collection('accounts').doc('bob').remove()
    expect((await one(t.collection('accounts').doc('alice'))).balance).toBe(1)
    expect((await one(t.collection('accounts').doc('carol'))).balance).toBe(5)
    expect(
      ids(
        await list(
          t
            .collection('accounts')
            .where({ balance: wx.command.exists(true) })
            .orderBy('_id', 'asc'),
        ),
      ),
    ).toEqual(['alice', 'carol'])
    expect((await one(wx.collection('accounts').doc('alice'))).balance).toBe(100)
    expect(await list(wx.collection('accounts').where({ _id: 'carol' }))).toEqual([])
    await t.commit()
    expect((await one(wx.collection('accounts').doc('alice'))).balance).toBe(1)
    expect(ids(await list(wx.collection('accounts').orderBy('_id', 'asc')))).toEqual(['alice', 'carol', 'counter'])
  })

  it('rollback and an error in the callback leave the data untouched', async () => {
    const t = await wx.startTransaction()
    await t
      .collection('accounts')
      .doc('alice')
      .update({ data: { balance: 0 } })
    await t.collection('accounts').add({ data: { _id: 'ghost' } })
    await t.rollback()
    const boom = await failure(
      wx.runTransaction(async (t2: Database) => {
        await t2
          .collection('accounts')
          .doc('bob')
          .update({ data: { balance: 999 } })
        throw new Error('boom')
      }),
    )
    expect(boom.message).toBe('boom')
    expect(await list(wx.collection('accounts').orderBy('_id', 'asc'))).toEqual([
      { _id: 'alice', balance: 100 },
      { _id: 'bob', balance: 0 },
      { _id: 'counter', n: 0 },
    ])
  })

  it('reads a snapshot: a concurrent commit is invisible inside the transaction', async () => {
    const t = await wx.startTransaction()
    expect((await one(t.collection('accounts').doc('alice'))).balance).toBe(100)
    await wx
      .collection('accounts')
      .doc('alice')
      .update({ data: { balance: 55 } })
    await wx.collection('accounts').add({ data: { _id: 'late', balance: 1 } })
    expect((await one(t.collection('accounts').doc('alice'))).balance).toBe(100)
    expect(
      ids(
        await list(
          t
            .collection('accounts')
            .where({ balance: wx.command.gte(0) })
            .orderBy('_id', 'asc'),
        ),
      ),
    ).toEqual(['alice', 'bob'])
    await t.rollback()
  })

  it('a conflicting concurrent write makes commit fail instead of losing the update', async () => {
    const t = await wx.startTransaction()
    const seen = (await one(t.collection('accounts').doc('counter'))).n as number
    await wx
      .collection('accounts')
      .doc('counter')
      .update({ data: { n: wx.command.inc(10) } })
    await t
      .collection('accounts')
      .doc('counter')
      .update({ data: { n: seen + 1 } })
    const err = await failure(t.commit())
    expect(err.code).toBe('DATABASE_TRANSACTION_CONFLICT')
    expect((await one(wx.collection('accounts').doc('counter'))).n).toBe(10)
  })

  it('concurrent runTransaction increments all land (conflicts are retried by the SDK)', async () => {
    const increment = () =>
      wx.runTransaction(async (t: Database) => {
        const current = ((await t.collection('accounts').doc('counter').get()) as { data: Doc }).data.n as number
        await t
          .collection('accounts')
          .doc('counter')
          .update({ data: { n: current + 1 } })
      }, 10)
    await Promise.all([increment(), increment(), increment()])
    expect((await one(wx.collection('accounts').doc('counter'))).n).toBe(3)
  })

  it('remove-then-add of one _id is a replacement, add-then-remove is nothing', async () => {
    await wx.runTransaction(async (t: Database) => {
      await t.collection('accounts').doc('bob').remove()
      await t.collection('accounts').add({ data: { _id: 'bob', balance: 7, reborn: true } })
      await t.collection('accounts').add({ data: { _id: 'temp', balance: 1 } })
      await t.collection('accounts').doc('temp').remove()
    })
    expect(await one(wx.collection('accounts').doc('bob'))).toEqual({ _id: 'bob', balance: 7, reborn: true })
    expect(await list(wx.collection('accounts').where({ _id: 'temp' }))).toEqual([])
  })

  it('SDK quirk: where().update() and where().remove() on a transaction collection run outside it', async () => {
    // @cloudbase/database 1.4.3 sends no transactionId for Query.update/remove/count, so they apply at once.
    const t = await wx.startTransaction()
    await t
      .collection('accounts')
      .where({ _id: 'bob' })
      .update({ data: { balance: 7 } })
    await t.rollback()
    expect((await one(wx.collection('accounts').doc('bob'))).balance).toBe(7)
  })

  it('unknown transaction ids are errors', async () => {
    const reply = await db.handle('database.commitTransaction', { transactionId: 'nope' }, 'test')
    expect(reply).toMatchObject({ code: 'DATABASE_REQUEST_FAILED', requestId: expect.any(String) })
  })
})

describe('collections and errors', () => {
  it('an undeclared collection does not exist (-502005) until createCollection', async () => {
    const calls = [
      () => wx.collection('later').get(),
      () => wx.collection('later').add({ data: { a: 1 } }),
      () =>
        wx
          .collection('later')
          .where({ a: 1 })
          .update({ data: { a: 2 } }),
      () => wx.collection('later').count(),
    ]
    for (const call of calls) expect((await failure(call())).errCode).toBe(-502005)
    // wx-server-sdk's aggregate().end() skips the code -> errCode mapping (errCode -1); the message keeps the code.
    const agg = await failure(wx.collection('later').aggregate().match({}).end())
    expect(agg.errCode).toBe(-1)
    expect(agg.errMsg).toMatch(/Db or Table not exist: later/)
    expect(agg).toMatchObject({ code: 'DATABASE_COLLECTION_NOT_EXIST' })
    await wx.createCollection('later')
    await wx.collection('later').add({ data: { _id: 'x' } })
    expect(await count(wx.collection('later'))).toBe(1)
    // Like aggregate, createCollection reports errCode -1 and keeps the code on the error.
    expect(await failure(wx.createCollection('later'))).toMatchObject({
      errCode: -1,
      code: 'DATABASE_COLLECTION_ALREADY_EXIST',
    })
  })

  it('errors carry the SDK shape: code, message, requestId', async () => {
    const reply = await db.handle(
      'database.getDocument',
      { collectionName: 'things', queryType: 'WHERE', query: '{"a":{"$nosuchop":1}}' },
      'test',
    )
    expect(reply).toMatchObject({
      code: 'DATABASE_INVALID_OPERRATOR',
      message: expect.any(String),
      requestId: expect.any(String),
    })
    const bad = await db.handle('database.getDocument', { collectionName: 'things', query: '{not json' }, 'test')
    expect(bad.code).toBe('INVALID_PARAM')
    const unknown = await db.handle('database.nope', {}, 'test')
    expect(unknown.code).toBe('INVALID_PARAM')
  })
})

describe('unique indexes', () => {
  beforeEach(async () => {
    await clear('people')
    await wx.collection('people').add({
      data: [
        { _id: 'x1', email: 'x@x', team: 'q' },
        { _id: 'x2', email: 'y@x', team: 'q' },
      ],
    })
  })

  it('rejects inserts, updates and upserts that would duplicate a unique key, writing nothing', async () => {
    const insert = await failure(wx.collection('people').add({ data: { _id: 'x3', email: 'x@x' } }))
    expect(insert.errCode).toBe(-502001)
    expect(insert.errMsg).toMatch(/duplicate key.*email_unique/)
    const update = await failure(
      wx
        .collection('people')
        .doc('x2')
        .update({ data: { email: 'x@x' } }),
    )
    expect(update.errCode).toBe(-502001)
    const upsert = await failure(
      wx
        .collection('people')
        .doc('x9')
        .set({ data: { email: 'y@x' } }),
    )
    expect(upsert.errCode).toBe(-502001)
    const multi = await failure(
      wx
        .collection('people')
        .where({ team: 'q' })
        .update({ data: { email: 'same@x' } }),
    )
    expect(multi.errCode).toBe(-502001)
    expect(ids(await list(wx.collection('people').orderBy('_id', 'asc')))).toEqual(['x1', 'x2'])
    expect((await one(wx.collection('people').doc('x2'))).email).toBe('y@x')
  })

  it('allows swapping values inside one transaction and treats missing/null as not colliding', async () => {
    await wx
      .collection('people')
      .add({ data: [{ _id: 'n1' }, { _id: 'n2' }, { _id: 'n3', email: null }, { _id: 'n4', email: null }] })
    await wx.runTransaction(async (t: Database) => {
      await t
        .collection('people')
        .doc('x1')
        .update({ data: { email: 'tmp@x' } })
      await t
        .collection('people')
        .doc('x2')
        .update({ data: { email: 'x@x' } })
      await t
        .collection('people')
        .doc('x1')
        .update({ data: { email: 'y@x' } })
    })
    expect((await one(wx.collection('people').doc('x1'))).email).toBe('y@x')
    expect((await one(wx.collection('people').doc('x2'))).email).toBe('x@x')
  })
})

describe('indexes serve queries (query log)', () => {
  beforeAll(async () => {
    await clear('people')
    const people = Array.from({ length: 60 }, (_, i) => ({
      _id: `p${i}`,
      team: ['a', 'b', 'c'][i % 3],
      age: i,
      email: `p${i}@x`,
    }))
    await db.insertMany('people', people)
    await clear('events')
    await db.insertMany(
      'events',
      Array.from({ length: 50 }, (_, i) => ({ _id: `e${i}`, at: new Date(1_700_000_000_000 + i * 1000) })),
    )
  })

  it('equality on the leading field uses the index and examines only its matches', async () => {
    expect(await list(wx.collection('people').where({ team: 'a' }).limit(100))).toHaveLength(20)
    expect(lastLog('database.getDocument')).toMatchObject({
      tag: 'test',
      collection: 'people',
      index: 'team_age',
      docsExamined: 20,
      docsReturned: 20,
    })
    await list(wx.collection('people').where({ team: 'a', age: wx.command.gte(30) }))
    expect(lastLog('database.getDocument')).toMatchObject({ index: 'team_age', docsExamined: 10, docsReturned: 10 })
    await list(wx.collection('people').where({ team: wx.command.in(['a', 'b']) }))
    expect(lastLog('database.getDocument')).toMatchObject({ index: 'team_age', docsExamined: 40 })
    await list(wx.collection('people').where({ email: 'p7@x' }))
    expect(lastLog('database.getDocument')).toMatchObject({ index: 'email_unique', docsExamined: 1, docsReturned: 1 })
    await one(wx.collection('people').doc('p8'))
    expect(lastLog('database.getDocument')).toMatchObject({ index: '_id_', docsExamined: 1 })
    await count(wx.collection('people').where({ team: 'c' }))
    // The index answers this count alone: no document is examined.
    expect(lastLog('database.calculateDocument')).toMatchObject({
      index: 'team_age',
      docsExamined: 0,
      docsReturned: 20,
    })
    await count(wx.collection('people').where({ team: 'c', email: wx.command.neq('p2@x') }))
    expect(lastLog('database.calculateDocument')).toMatchObject({
      index: 'team_age',
      docsExamined: 20,
      docsReturned: 19,
    })
  })

  it('sort + limit in index order stops early, in both directions', async () => {
    const oldest = await list(wx.collection('people').where({ team: 'b' }).orderBy('age', 'desc').limit(3))
    expect(oldest.map((d) => d.age)).toEqual([58, 55, 52])
    expect(lastLog('database.getDocument')).toMatchObject({ index: 'team_age', docsExamined: 3, docsReturned: 3 })
    const youngest = await list(wx.collection('people').where({ team: 'b' }).orderBy('age', 'asc').limit(2))
    expect(youngest.map((d) => d.age)).toEqual([1, 4])
    expect(lastLog('database.getDocument').docsExamined).toBe(2)
    const latest = await list(wx.collection('events').orderBy('at', 'desc').limit(5))
    expect(ids(latest)).toEqual(['e49', 'e48', 'e47', 'e46', 'e45'])
    expect(lastLog('database.getDocument')).toMatchObject({ index: 'at', docsExamined: 5 })
  })

  it('$in on a leading field + sort on the next: the spans are merged in order and the walk stops early', async () => {
    const newest = await list(
      wx
        .collection('people')
        .where({ team: wx.command.in(['a', 'c', 'x']) })
        .orderBy('age', 'desc')
        .limit(4),
    )
    expect(newest.map((d) => d.age)).toEqual([59, 57, 56, 54])
    // Covered: four documents fetched; the keys are those four plus the head of the other span.
    expect(lastLog('database.getDocument')).toMatchObject({
      index: 'team_age',
      keysExamined: 5,
      docsExamined: 4,
      docsReturned: 4,
    })
    const oldest = await list(
      wx
        .collection('people')
        .where({ team: wx.command.in(['b', 'c']) })
        .orderBy('age', 'asc')
        .skip(1)
        .limit(3),
    )
    expect(oldest.map((d) => d.age)).toEqual([2, 4, 5])
    expect(lastLog('database.getDocument').docsExamined).toBe(4)
    // A predicate the index cannot decide is tested on each document, still in merged order.
    const even = await list(
      wx
        .collection('people')
        .where({ team: wx.command.in(['a', 'b']), email: wx.command.neq('p58@x') })
        .orderBy('age', 'desc')
        .limit(2),
    )
    expect(even.map((d) => d.age)).toEqual([57, 55])
    expect(lastLog('database.getDocument')).toMatchObject({ index: 'team_age', docsExamined: 3, docsReturned: 2 })
  })

  it('documents whose indexed field holds an array or object are still found', async () => {
    await db.insertMany('people', [
      { _id: 'multi', team: ['a', 'z'], age: 99 },
      { _id: 'nested', team: { name: 'a' }, age: 98 },
    ])
    const inA = await list(wx.collection('people').where({ team: 'a' }).orderBy('age', 'desc').limit(2))
    expect(ids(inA)).toEqual(['multi', 'p57'])
    expect(lastLog('database.getDocument').index).toBe('team_age')
    expect(ids(await list(wx.collection('people').where({ 'team.name': 'a' })))).toEqual(['nested'])
    await wx
      .collection('people')
      .where({ _id: wx.command.in(['multi', 'nested']) })
      .remove()
  })

  it('a query no index serves is a full scan, reported as index null', async () => {
    const result = await list(
      wx
        .collection('people')
        .where({ age: wx.command.lt(5) })
        .orderBy('age', 'asc'),
    )
    expect(result.map((d) => d.age)).toEqual([0, 1, 2, 3, 4])
    expect(lastLog('database.getDocument')).toMatchObject({ index: null, docsExamined: 60, docsReturned: 5 })
  })
  it('reports the index keys it visited next to the documents it fetched', async () => {
    await list(wx.collection('people').where({ team: 'a', email: 'p3@x' }))
    expect(lastLog('database.getDocument')).toMatchObject({
      index: 'email_unique',
      keysExamined: 1,
      docsExamined: 1,
      docsReturned: 1,
    })
    await count(wx.collection('people').where({ team: 'b' }))
    expect(lastLog('database.calculateDocument')).toMatchObject({
      index: 'team_age',
      keysExamined: 20,
      docsExamined: 0,
      docsReturned: 20,
    })
    await list(wx.collection('people').where({ age: wx.command.lt(5) }))
    expect(lastLog('database.getDocument')).toMatchObject({ index: null, keysExamined: 0, docsExamined: 60 })
  })

  it('a $match + $group on the fields of one index is answered from the index entries alone', async () => {
    const $ = wx.command.aggregate
    const byTeam = await aggregate(
      peoplePipeline()
        .match({ team: wx.command.in(['a', 'b']) })
        .group({ _id: '$team', n: $.sum(1), oldest: $.max('$age') }),
    )
    expect(byTeam.sort((x, y) => String(x._id).localeCompare(String(y._id)))).toEqual([
      { _id: 'a', n: 20, oldest: 57 },
      { _id: 'b', n: 20, oldest: 58 },
    ])
    expect(aggregatePlan()).toMatchObject({
      index: 'team_age',
      keysExamined: 40,
      docsExamined: 0,
      docsReturned: 2,
    })
    expect(
      await aggregate(
        peoplePipeline()
          .match({ team: 'c', age: wx.command.gte(30) })
          .count('n'),
      ),
    ).toEqual([{ n: 10 }])
    expect(aggregatePlan()).toMatchObject({
      index: 'team_age',
      keysExamined: 10,
      docsExamined: 0,
    })
    // A field outside the index (email) needs the documents, and so does a predicate the index cannot decide.
    await aggregate(
      peoplePipeline()
        .match({ team: 'c' })
        .group({ _id: '$email', n: $.sum(1) })
        .limit(100),
    )
    expect(aggregatePlan()).toMatchObject({
      index: 'team_age',
      docsExamined: 20,
      docsReturned: 20,
    })
    await aggregate(
      peoplePipeline()
        .match({ team: 'c', email: wx.command.neq('p2@x') })
        .group({ _id: '$team', n: $.sum(1) }),
    )
    expect(aggregatePlan()).toMatchObject({ docsExamined: 20, docsReturned: 1 })
  })

  it('a covered group still sees documents the index keeps aside, and nulls are not confused with missing fields', async () => {
    await db.insertMany('people', [
      { _id: 'multi', team: ['a', 'z'], age: 99 },
      { _id: 'nullTeam', team: null, age: 1 },
      { _id: 'noTeam', age: 2 },
    ])
    const $ = wx.command.aggregate
    try {
      const viaTeam = await aggregate(
        peoplePipeline()
          .match({ team: 'a' })
          .group({ _id: '$team', n: $.sum(1) }),
      )
      expect(viaTeam).toEqual(
        expect.arrayContaining([
          { _id: 'a', n: 20 },
          { _id: ['a', 'z'], n: 1 },
        ]),
      )
      expect(aggregatePlan()).toMatchObject({
        index: 'team_age',
        keysExamined: 21,
        docsExamined: 1,
      })
      // The index holds null for both; $group tells an explicit null from a missing field, so both are fetched
      // and the answer is the one reading every document gives (a $sort first makes the engine read them).
      const nulls = await aggregate(
        peoplePipeline()
          .match({ team: null })
          .group({ _id: { t: '$team' }, n: $.sum(1) }),
      )
      expect(aggregatePlan()).toMatchObject({ index: 'team_age', docsExamined: 3 })
      const read = await aggregate(
        peoplePipeline()
          .match({ team: null })
          .sort({ age: 1 })
          .group({ _id: { t: '$team' }, n: $.sum(1) }),
      )
      expect(nulls).toHaveLength(2)
      expect(nulls).toEqual(expect.arrayContaining(read))
    } finally {
      await wx
        .collection('people')
        .where({ _id: wx.command.in(['multi', 'nullTeam', 'noTeam']) })
        .remove()
    }
  })

  it('documents a $lookup joins count as returned; the ones it reads and drops do not', async () => {
    await clear('teams')
    await wx.collection('teams').add({
      data: [
        { _id: 't1', code: 'a' },
        { _id: 't2', code: 'b' },
        { _id: 't3', code: 'zz' },
      ],
    })
    const rows = await aggregate(
      peoplePipeline()
        .match({ team: 'a', age: wx.command.gte(54) })
        .lookup({ from: 'teams', localField: 'team', foreignField: 'code', as: 'teamDocs' }),
    )
    expect(rows).toHaveLength(2)
    // 2 people, then 1 team through code_unique, joined into both results.
    expect(aggregatePlan()).toMatchObject({ docsExamined: 3, docsReturned: 3 })
  })
})

describe('multikey indexes (an array field)', () => {
  beforeAll(async () => {
    await clear('tagged')
    await db.insertMany(
      'tagged',
      Array.from({ length: 40 }, (_, i) => ({
        _id: `t${String(i).padStart(2, '0')}`,
        kind: i % 2 === 0 ? 'even' : 'odd',
        // Every fifth has 'rare'; 'x' twice in one array is one entry.
        tags: i % 5 === 0 ? ['common', 'rare', 'x', 'x'] : ['common', `n${i}`],
        at: new Date(1_700_000_000_000 + i * 1000),
      })),
    )
  })

  it('an element equality walks only the documents holding it, once each, in the order of the next field', async () => {
    const found = await list(wx.collection('tagged').where({ kind: 'even', tags: 'rare' }).orderBy('at', 'desc'))
    expect(ids(found)).toEqual(['t30', 't20', 't10', 't00'])
    expect(lastLog('database.getDocument')).toMatchObject({ index: 'kind_tag_at', docsExamined: 4, docsReturned: 4 })
    // Two elements of the same documents: each document is examined and returned once.
    const either = await list(wx.collection('tagged').where({ kind: 'even', tags: wx.command.in(['rare', 'x']) }))
    expect(either).toHaveLength(4)
    expect(lastLog('database.getDocument')).toMatchObject({ docsExamined: 4, docsReturned: 4 })
    expect(await count(wx.collection('tagged').where({ kind: 'odd', tags: 'common' }))).toBe(20)
  })

  it('keeps its entries on update and remove', async () => {
    await wx
      .collection('tagged')
      .doc('t02')
      .update({ data: { tags: ['rare'] } })
    await wx.collection('tagged').doc('t10').remove()
    const found = await list(wx.collection('tagged').where({ kind: 'even', tags: 'rare' }).orderBy('at', 'desc'))
    expect(ids(found)).toEqual(['t30', 't20', 't02', 't00'])
    expect(lastLog('database.getDocument')).toMatchObject({ index: 'kind_tag_at', docsExamined: 4 })
    expect(await list(wx.collection('tagged').where({ kind: 'even', tags: 'n2' }))).toEqual([])
  })
})

describe('a large batch of inserts', () => {
  it('is merged into the indexes in order (more than the 2,000 changes that are spliced one by one)', async () => {
    await clear('tagged')
    const doc = (i: number) => ({
      _id: `b${i}`,
      kind: i % 3 === 0 ? 'even' : 'odd',
      tags: [`g${i % 7}`, 'all'],
      at: new Date(1_700_000_000_000 + ((i * 7919) % 5000) * 1000),
    })
    await db.insertMany(
      'tagged',
      Array.from({ length: 300 }, (_, i) => doc(i)),
    )
    await db.insertMany(
      'tagged',
      Array.from({ length: 2700 }, (_, i) => doc(i + 300)),
    )
    const want = Array.from({ length: 3000 }, (_, i) => doc(i))
      .filter((d) => d.kind === 'even' && d.tags.includes('g3'))
      .sort((a, b) => b.at.getTime() - a.at.getTime() || a._id.localeCompare(b._id))
      .slice(0, 50)
      .map((d) => d.at.getTime())
    const found = await list(
      wx.collection('tagged').where({ kind: 'even', tags: 'g3' }).orderBy('at', 'desc').limit(50),
    )
    expect(found.map((d) => (d.at as Date).getTime())).toEqual(want)
    expect(lastLog('database.getDocument')).toMatchObject({ index: 'kind_tag_at', docsExamined: 50 })
  })
})
