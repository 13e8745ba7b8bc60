/**
 * database.aggregateDocuments. mingo evaluates the pipeline; this module feeds it efficiently:
 *  - leading $match / $sort / $skip / $limit stages run as an ordinary (indexed) query;
 *  - each $lookup with localField/foreignField gets only the foreign documents whose foreignField is
 *    one of the local values (an indexed $in query) instead of the whole foreign collection.
 * Like the real cloud, a pipeline without any $limit stage returns at most 20 results.
 */
import { Aggregator } from 'mingo';
import { DbError } from './errors';
import { compileQuery, runQuery, type FindOptions, type QueryStats, type SortSpec } from './query';
import type { Store } from './store';
import { deepClone, isIndexableScalar, isPlainObject, resolveForIndex, type Doc } from './values';

const DEFAULT_RESULT_LIMIT = 20;
/** Above this many distinct local values a $lookup hashes the whole foreign collection instead. */
const MAX_LOOKUP_VALUES = 1000;
const UNSUPPORTED = new Set(['$out', '$merge', '$geoNear', '$indexStats', '$collStats']);
/** Stages that never modify their input documents in mingo; any other stage makes us clone inputs first. */
const NON_MUTATING = new Set(['$match', '$group', '$count', '$sort', '$skip', '$limit', '$sortByCount', '$sample', '$project', '$lookup']);

export type Stage = Record<string, unknown>;

export function runAggregate(store: Store, collName: string, pipeline: Stage[], stats: QueryStats): Doc[] {
  const coll = store.collection(collName);
  for (const stage of pipeline) {
    const name = stageName(stage);
    if (UNSUPPORTED.has(name)) throw new DbError('DATABASE_INVALID_OPERRATOR', `[InvalidParameter] aggregate stage ${name} is not supported`);
  }
  const { find, rest } = splitLeadingQuery(pipeline);
  let docs = runQuery(coll, compileQuery(find.match), find.opts, stats).map((item) => item.doc);
  const mutating = rest.some((stage) => !NON_MUTATING.has(stageName(stage)) || lookupAsIsDotted(stage));
  if (mutating) docs = deepClone(docs);
  docs = runStages(store, docs, rest, stats, mutating);
  const hasLimit = pipeline.some((stage) => stageName(stage) === '$limit');
  return hasLimit ? docs : docs.slice(0, DEFAULT_RESULT_LIMIT);
}

function stageName(stage: Stage): string {
  return Object.keys(stage)[0] ?? '';
}

function lookupAsIsDotted(stage: Stage): boolean {
  const spec = stage.$lookup;
  return isPlainObject(spec) && typeof spec.as === 'string' && spec.as.includes('.');
}

/** Splits off `$match? $sort? $skip? $limit?` at the head of the pipeline, in that order. */
function splitLeadingQuery(pipeline: Stage[]): { find: { match: Doc; opts: FindOptions }; rest: Stage[] } {
  let i = 0;
  let match: Doc = {};
  const opts: FindOptions = {};
  if (isPlainObject(pipeline[i]?.$match)) match = pipeline[i++].$match as Doc;
  const sort = pipeline[i]?.$sort;
  if (isPlainObject(sort) && Object.values(sort).every((dir) => dir === 1 || dir === -1)) {
    opts.sort = Object.entries(sort) as unknown as SortSpec;
    i++;
  }
  if (typeof pipeline[i]?.$skip === 'number') opts.skip = pipeline[i++].$skip as number;
  if (typeof pipeline[i]?.$limit === 'number') opts.limit = pipeline[i++].$limit as number;
  return { find: { match, opts }, rest: pipeline.slice(i) };
}

/** Runs the remaining stages in mingo, resolving each $lookup's foreign documents ourselves. */
function runStages(store: Store, input: Doc[], stages: Stage[], stats: QueryStats, cloneForeign: boolean): Doc[] {
  let docs = input;
  let segment: Stage[] = [];
  const options = {
    scriptEnabled: false,
    collectionResolver: (name: string) => (store.hasCollection(name) ? allDocs(store, name, cloneForeign) : []),
  };
  const flush = () => {
    if (segment.length > 0) docs = new Aggregator(segment, options).run(docs) as Doc[];
    segment = [];
  };
  for (const stage of stages) {
    const sample = stage.$sample;
    if (isPlainObject(sample) && typeof sample.size === 'number') {
      // mingo samples with replacement (repeats); the cloud's $sample picks distinct documents.
      flush();
      docs = sampleDistinct(docs, sample.size);
      continue;
    }
    const lookup = stage.$lookup;
    if (isPlainObject(lookup) && typeof lookup.from === 'string' && typeof lookup.localField === 'string' && typeof lookup.foreignField === 'string') {
      flush();
      const foreign = foreignDocs(store, lookup.from, lookup.foreignField, localValues(docs, lookup.localField), stats);
      segment.push({ $lookup: { ...lookup, from: cloneForeign ? deepClone(foreign) : foreign } });
      flush();
      continue;
    }
    segment.push(stage);
  }
  flush();
  return docs;
}

/** `size` distinct documents in random order (all of them, shuffled, when there are fewer). */
function sampleDistinct(docs: Doc[], size: number): Doc[] {
  const pool = [...docs];
  const count = Math.max(0, Math.min(Math.floor(size), pool.length));
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(Math.random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, count);
}

function allDocs(store: Store, name: string, clone: boolean): Doc[] {
  const docs = Array.from(store.collection(name).docs.values(), (rec) => rec.doc);
  return clone ? deepClone(docs) : docs;
}

/** The distinct local values, or undefined when some value is not an exactly indexable scalar. */
function localValues(docs: Doc[], localField: string): unknown[] | undefined {
  const path = localField.split('.');
  const values = new Set<unknown>();
  for (const doc of docs) {
    const resolved = resolveForIndex(doc, path);
    if (resolved.irregular) {
      // An array of scalars matches element-wise; anything else falls back to the whole collection.
      const raw = path.reduce<unknown>((v, p) => (isPlainObject(v) ? v[p] : undefined), doc);
      if (!Array.isArray(raw) || !raw.every(isIndexableScalar)) return undefined;
      for (const value of raw) values.add(value ?? null);
      continue;
    }
    if (!isIndexableScalar(resolved.value)) return undefined;
    values.add(resolved.value ?? null);
  }
  return [...values];
}

function foreignDocs(store: Store, from: string, foreignField: string, values: unknown[] | undefined, stats: QueryStats): Doc[] {
  if (!store.hasCollection(from)) return [];
  if (!values || values.length > MAX_LOOKUP_VALUES) return allDocs(store, from, false);
  const lookupStats: QueryStats = { index: null, examined: 0 };
  const items = runQuery(store.collection(from), compileQuery({ [foreignField]: { $in: values } }), {}, lookupStats);
  stats.examined += lookupStats.examined;
  return items.map((item) => item.doc);
}
