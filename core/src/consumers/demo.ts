import type { Ctx } from '../api/context.js';
import type { DemoContext } from '../demo/seed.js';
import { consumerInput, type ConsumerInput } from './contract.js';
import { insertConsumer, tenantOf } from './consumers.js';
import { addMonths, istDate, recentCompletedMonths } from '../calendar/dates.js';
import { mastersFor } from './masters.js';
import { checkConsumer, readingDateMax, readingDateMin } from './validation.js';

/**
 * Demo households for Lodhipur: 300 connections in three wards, about a third metered, with
 * Punjabi and Hindi names (most romanised as clerks type them, some in Gurmukhi or Devanagari),
 * some with opening arrears (+ penalty) and some with an advance. Deterministic: the same
 * households every time.
 */
const MALE = ['Gurpreet', 'Harjeet', 'Baljit', 'Kuldeep', 'Rajinder', 'Paramjit', 'Amarjit', 'Sukhwinder', 'Jaswant', 'Gurdev', 'Balwinder', 'Harpal', 'Manjit', 'Ramesh', 'Suresh', 'Mohan', 'Satnam', 'Jagtar', 'Darshan', 'Lakhwinder'];
const FEMALE = ['Harjeet', 'Gurmeet', 'Sunita', 'Manpreet', 'Kamaljit', 'Rajwant', 'Simran', 'Jaspreet', 'Paramjeet', 'Santosh', 'Neelam', 'Baljinder', 'Kulwant', 'Geeta', 'Amandeep'];
const SIKH_SURNAMES = ['Sandhu', 'Gill', 'Dhillon', 'Sidhu', 'Grewal', 'Brar', 'Bains', 'Cheema'];
const HINDU_SURNAMES = ['Kumar', 'Sharma', 'Verma', 'Rani', 'Devi'];
const GURMUKHI = [
  ['ਗੁਰਪ੍ਰੀਤ ਸਿੰਘ', 'ਹਰਬੰਸ ਸਿੰਘ', 'MALE'],
  ['ਹਰਜੀਤ ਕੌਰ', 'ਬਲਵਿੰਦਰ ਸਿੰਘ', 'FEMALE'],
  ['ਜਸਵੰਤ ਸਿੰਘ ਗਿੱਲ', 'ਕਰਤਾਰ ਸਿੰਘ', 'MALE'],
  ['ਮਨਪ੍ਰੀਤ ਕੌਰ', 'ਸੁਖਦੇਵ ਸਿੰਘ', 'FEMALE'],
] as const;
const DEVANAGARI = [
  ['सुनीता देवी', 'राम प्रकाश', 'FEMALE'],
  ['रमेश कुमार', 'श्याम लाल', 'MALE'],
  ['गीता रानी', 'मोहन लाल', 'FEMALE'],
] as const;
const STREETS = ['Gurdwara Road', 'Main Bazaar', 'School Wali Gali', 'Phirni Road', 'Dharamshala Street', 'Canal Road', 'Mandir Gali'];

/** Small deterministic generator (mulberry32). */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const DEMO_WARDS = [
  { code: 'WARD1', name: 'Ward 1' },
  { code: 'WARD2', name: 'Ward 2' },
  { code: 'WARD3', name: 'Ward 3' },
];

/** `count` valid create-consumer inputs for a GP, as of `today`. Also used by the benchmark. */
export function demoConsumerInputs(count: number, today: string, seed = 7, wards = DEMO_WARDS): ConsumerInput[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const cycles = recentCompletedMonths(today, 2);
  // Previous reading dates: 0–5 months before the latest allowed one (today − 1 month, the
  // INVALID_BILLING_CYCLE rule), never before the earliest allowed (1 April of the previous FY).
  // Not clamped to 1 April of this FY: all through April that is after the latest allowed date
  // (every metered household was refused), and in May it left no metered bills to show.
  const latest = readingDateMax(today);
  const earliest = readingDateMin(today);
  const out: ConsumerInput[] = [];
  for (let i = 0; i < count; i++) {
    const female = r() < 0.45;
    let name: string;
    let father: string;
    let gender: 'MALE' | 'FEMALE';
    const script = r();
    if (script < 0.06) {
      const g = pick(GURMUKHI);
      [name, father, gender] = [g[0], g[1], g[2]];
    } else if (script < 0.1) {
      const d = pick(DEVANAGARI);
      [name, father, gender] = [d[0], d[1], d[2]];
    } else {
      const sikh = r() < 0.7;
      const surname = sikh ? (female ? 'Kaur' : 'Singh') : pick(HINDU_SURNAMES.filter((s) => (female ? s !== 'Kumar' : s !== 'Rani' && s !== 'Devi')));
      const clan = sikh && r() < 0.4 ? ` ${pick(SIKH_SURNAMES)}` : '';
      name = `${female ? pick(FEMALE) : pick(MALE)} ${surname}${clan}`;
      father = `${pick(MALE)} ${sikh ? 'Singh' : pick(['Kumar', 'Lal', 'Chand', 'Sharma'])}${clan}`;
      gender = female ? 'FEMALE' : 'MALE';
    }
    const metered = r() < 0.3;
    const balance = r();
    let readingDate = addMonths(latest, -Math.floor(r() * 6));
    if (readingDate < earliest) readingDate = earliest;
    const input: ConsumerInput = {
      name,
      gender,
      fatherName: father,
      mobile: `9${String(Math.floor(r() * 1e9)).padStart(9, '0')}`,
      oldConnectionId: `LDP/${String(101 + i)}`,
      category: r() < 0.25 ? 'BPL' : r() < 0.6 ? 'APL' : undefined,
      subCategory: r() < 0.3 ? pick(['SC', 'ST', 'GENERAL']) : undefined,
      doorNo: String(1 + Math.floor(r() * 400)),
      street: pick(STREETS),
      ward: wards.length > 1 ? pick(wards).code : undefined,
      propertyType: r() < 0.88 ? 'RESIDENTIAL' : pick(['COMMERCIAL', 'MIXED', 'PUBLICSECTOR']),
      serviceType: metered ? 'Metered' : 'Non_Metered',
      ...(metered
        ? { meterNumber: `MTR${String(10000 + i)}`, previousReadingDate: readingDate, previousReading: Math.floor(r() * 3000) }
        : { lastBilledCycle: pick(cycles) }),
      ...(balance < 0.3
        ? { paymentType: 'arrears' as const, arrears: 50 * (1 + Math.floor(r() * 40)), penalty: r() < 0.3 ? 10 * (1 + Math.floor(r() * 10)) : 0 }
        : balance < 0.38
          ? { paymentType: 'advance' as const, advance: 50 * (1 + Math.floor(r() * 6)) }
          : { paymentType: 'arrears' as const, arrears: 0, penalty: 0 }),
    };
    out.push(input);
  }
  return out;
}

export async function seedConsumers(ctx: Ctx, demo: DemoContext): Promise<void> {
  const tenant = await tenantOf(ctx.db, demo.tenantId);
  await ctx.change.insert('consumer_masters', { id: ctx.newId(), tenant_id: demo.tenantId, list: 'wards', items: JSON.stringify(DEMO_WARDS), created_at: ctx.nowIso });
  const masters = await mastersFor(ctx, demo.tenantId);
  const today = istDate(ctx.now);
  const userId = demo.staff['SARPANCH'] ?? Object.values(demo.staff)[0]!;
  for (const raw of demoConsumerInputs(300, today)) {
    const values = consumerInput.parse(raw);
    const problems = checkConsumer(values, { today, masters });
    if (Object.keys(problems).length) throw new Error(`demo consumer ${values.oldConnectionId} is invalid: ${JSON.stringify(problems)}`);
    await insertConsumer(ctx, values, { tenantId: demo.tenantId, tenantCode: tenant.code, userId, masters, action: 'demo' });
  }
}
