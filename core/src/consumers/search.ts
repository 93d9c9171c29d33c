import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema.js';

/**
 * Consumer search (SPEC §2.5): exactly one criterion.
 *
 * - mobile: exact, current or any earlier mobile (`consumer_mobiles`, indexed).
 * - old / new connection ID: exact, case-insensitive (NOCASE indexes); `_` is read as `/` because
 *   connection numbers travel in URLs with `/` replaced by `_`.
 * - name: partial and forgiving. The query is lower-cased, stripped of anything but letters and
 *   spaces and split into words; every word must occur somewhere in the name (substring, via
 *   the FTS5 trigram index `consumers_name_tri`; words under 3 letters by prefix on the word
 *   index). If nothing matches, the misspelling fallback takes each word of 3+ letters, finds the
 *   GP's name words (the FTS5 vocabulary of `consumers_name_word`) within 1 edit (2 for words of 7+
 *   letters; a transposition counts as one; also comparing sound keys, see soundKey), also as a
 *   prefix, and searches for those.
 *   "gurprit sing" finds "Gurpreet Singh"; "  HARJEET   kaur " finds "Harjeet Kaur".
 * Results: at most `limit` rows (default 50), `truncated` when there were more.
 */
export interface SearchHit {
  connectionId: string;
}

type AnyDb = Kysely<DB> | Transaction<DB>;

export function normaliseQuery(q: string): string[] {
  return q
    .toLowerCase()
    .replace(/[^\p{L}\p{M} ]+/gu, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
}

const quote = (term: string) => `"${term.replace(/"/g, '""')}"`;

export async function searchIds(
  db: AnyDb,
  tenantId: string,
  criterion: { mobile?: string; name?: string; oldConnectionId?: string; connectionNo?: string },
  limit: number,
): Promise<{ ids: string[]; truncated: boolean; fuzzy: boolean }> {
  const take = limit + 1;
  let ids: string[] = [];
  let fuzzy = false;
  if (criterion.mobile) {
    // CROSS JOIN fixes the join order: the few matching consumers first, then their connections.
    const rows = await sql<{ id: string }>`
      SELECT c.id FROM (
        SELECT consumer_id AS cid FROM consumer_mobiles WHERE tenant_id = ${tenantId} AND mobile = ${criterion.mobile}
        UNION SELECT id FROM consumers WHERE tenant_id = ${tenantId} AND mobile = ${criterion.mobile}) m
      CROSS JOIN connections c ON c.consumer_id = m.cid
      WHERE c.tenant_id = ${tenantId}
      LIMIT ${take}`.execute(db);
    ids = rows.rows.map((r) => r.id);
  } else if (criterion.oldConnectionId) {
    const rows = await sql<{ id: string }>`
      SELECT id FROM connections WHERE tenant_id = ${tenantId} AND old_connection_no = ${criterion.oldConnectionId} LIMIT ${take}`.execute(db);
    ids = rows.rows.map((r) => r.id);
  } else if (criterion.connectionNo) {
    const no = criterion.connectionNo.replace(/_/g, '/');
    const rows = await sql<{ id: string }>`
      SELECT id FROM connections WHERE connection_no = ${no} AND tenant_id = ${tenantId} LIMIT ${take}`.execute(db);
    ids = rows.rows.map((r) => r.id);
  } else if (criterion.name) {
    const words = normaliseQuery(criterion.name);
    if (words.length === 0) return { ids: [], truncated: false, fuzzy: false };
    ids = await nameSearch(db, tenantId, words.map((w) => [w]), take, false);
    if (ids.length === 0) {
      const alternatives = await fuzzyAlternatives(db, words);
      if (alternatives) {
        ids = await nameSearch(db, tenantId, alternatives, take, true);
        fuzzy = true;
      }
    }
  }
  return { ids: ids.slice(0, limit), truncated: ids.length > limit, fuzzy };
}

/**
 * Every group must match (AND); within a group any alternative may (OR). Exact mode: substring
 * match through the trigram index (words of 3+ letters) and a prefix match for shorter words.
 * Fuzzy mode: whole-word alternatives from the vocabulary, through the word index.
 */
async function nameSearch(db: AnyDb, tenantId: string, groups: string[][], take: number, wordsOnly: boolean): Promise<string[]> {
  let table: 'consumers_name_tri' | 'consumers_name_word';
  let match: string;
  const extraFilters: string[] = [];
  if (wordsOnly) {
    table = 'consumers_name_word';
    match = groups.map((g) => `(${g.map(quote).join(' OR ')})`).join(' AND ');
  } else {
    const words = groups.map((g) => g[0]!);
    const long = words.filter((w) => [...w].length >= 3);
    const short = words.filter((w) => [...w].length < 3);
    if (long.length > 0) {
      table = 'consumers_name_tri';
      match = long.map(quote).join(' AND ');
      extraFilters.push(...short);
    } else {
      table = 'consumers_name_word';
      match = short.map((w) => `${quote(w)}*`).join(' AND ');
    }
  }
  const filter = extraFilters.length
    ? sql.join(extraFilters.map((w) => sql`AND instr(lower(p.name), ${w}) > 0`), sql` `)
    : sql``;
  const rows = await sql<{ id: string }>`
    SELECT c.id FROM ${sql.table(table)} f
    CROSS JOIN consumers p ON p.rowid = f.rowid
    CROSS JOIN connections c ON c.consumer_id = p.id
    WHERE f.${sql.raw(table)} MATCH ${match} AND p.tenant_id = ${tenantId} ${filter}
    LIMIT ${take}`.execute(db);
  return rows.rows.map((r) => r.id);
}

/**
 * The name words of all consumers. Reading the FTS5 vocabulary walks the whole index (~17 ms at
 * 100,000 consumers), so it is cached; the cache key is the newest consumer row (any insert,
 * local or synced, changes it) plus a generation bumped when this device edits a name. A name
 * edited on another desktop reaches the misspelling fallback at the next insert or restart.
 */
let vocabCache: { key: string; terms: string[] } | undefined;
let vocabGeneration = 0;
export function nameVocabularyChanged(): void {
  vocabGeneration++;
}
async function vocabulary(db: AnyDb): Promise<string[]> {
  const top = await sql<{ id: string }>`SELECT id FROM consumers ORDER BY rowid DESC LIMIT 1`.execute(db);
  const key = `${vocabGeneration}:${top.rows[0]?.id ?? ''}`;
  if (vocabCache?.key === key) return vocabCache.terms;
  const vocab = await sql<{ term: string }>`SELECT term FROM consumers_name_vocab`.execute(db);
  vocabCache = { key, terms: vocab.rows.map((r) => r.term) };
  return vocabCache.terms;
}

/** For each query word of 3+ letters, the name words within reach; null when some word has none. */
async function fuzzyAlternatives(db: AnyDb, words: string[]): Promise<string[][] | null> {
  const terms = await vocabulary(db);
  const groups: string[][] = [];
  for (const w of words) {
    if ([...w].length < 3) continue;
    const k = [...w].length >= 7 ? 2 : [...w].length >= 4 ? 1 : 0;
    const wk = soundKey(w);
    // Score each name word (0 = exact/prefix or same sound); keep only the closest ones.
    const scored: [string, number][] = [];
    for (const t of terms) {
      let score: number;
      if (t.startsWith(w) || soundKey(t).startsWith(wk)) score = 0;
      else if (k === 0 || Math.abs(t.length - w.length) > k + 1) score = Infinity;
      else {
        score = Math.min(editDistance(w, t, k), editDistance(wk, soundKey(t), k));
        // A partly typed word: compare with the start of the name word.
        if (t.length > w.length) score = Math.min(score, editDistance(w, t.slice(0, w.length), k));
      }
      if (score <= k) scored.push([t, score]);
    }
    const best = Math.min(...scored.map(([, sc]) => sc));
    const near = scored.filter(([, sc]) => sc === best).map(([t]) => t);
    if (near.length === 0) return null;
    groups.push(near.slice(0, 50));
  }
  return groups.length ? groups : null;
}

/**
 * A rough sound key for romanised Indian names, so spelling variants meet: long vowels written
 * double (ee/i, oo/u, aa/a), doubled consonants, w/v, z/j, q/k, ph/f, and a silent h after a
 * consonant (Harjeet/Harjit, Gurpreet/Gurprit, Dhillon/Dilon, Kuldeep/Kuldip).
 */
export function soundKey(word: string): string {
  return word
    .replace(/ee|ea|ii/g, 'i')
    .replace(/oo|uu|ou/g, 'u')
    .replace(/aa/g, 'a')
    .replace(/ph/g, 'f')
    .replace(/([bcdgjkpst])h/g, '$1')
    .replace(/w/g, 'v')
    .replace(/z/g, 'j')
    .replace(/q/g, 'k')
    .replace(/(.)\1+/g, '$1');
}

/** Optimal-string-alignment distance (Levenshtein + adjacent transposition), stopping past `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  const A = [...a];
  const B = [...b];
  if (Math.abs(A.length - B.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: B.length + 1 }, (_, j) => j);
  for (let i = 1; i <= A.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= B.length; j++) {
      const cost = A[i - 1] === B[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && A[i - 1] === B[j - 2] && A[i - 2] === B[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[B.length]!;
}
