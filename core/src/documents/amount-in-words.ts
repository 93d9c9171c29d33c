import type { Language } from '../i18n/translate.js';

/**
 * Amounts in words on bills and receipts, in the Indian system (crore, lakh, thousand, hundred),
 * in the chosen language (SPEC Part A.4, §5.2). Hindi and Punjabi numbers 1–99 are irregular,
 * so they are listed, not composed.
 */
const EN_ONES = ['', 'One', 'Two', 'Three', 'Four', 'Five', 'Six', 'Seven', 'Eight', 'Nine', 'Ten', 'Eleven', 'Twelve',
  'Thirteen', 'Fourteen', 'Fifteen', 'Sixteen', 'Seventeen', 'Eighteen', 'Nineteen'];
const EN_TENS = ['', '', 'Twenty', 'Thirty', 'Forty', 'Fifty', 'Sixty', 'Seventy', 'Eighty', 'Ninety'];

const HI_1_99 = ('एक दो तीन चार पाँच छह सात आठ नौ दस ग्यारह बारह तेरह चौदह पंद्रह सोलह सत्रह अठारह उन्नीस बीस ' +
  'इक्कीस बाईस तेईस चौबीस पच्चीस छब्बीस सत्ताईस अट्ठाईस उनतीस तीस इकतीस बत्तीस तैंतीस चौंतीस पैंतीस छत्तीस सैंतीस अड़तीस उनतालीस चालीस ' +
  'इकतालीस बयालीस तैंतालीस चवालीस पैंतालीस छियालीस सैंतालीस अड़तालीस उनचास पचास इक्यावन बावन तिरपन चौवन पचपन छप्पन सत्तावन अट्ठावन उनसठ साठ ' +
  'इकसठ बासठ तिरसठ चौंसठ पैंसठ छियासठ सड़सठ अड़सठ उनहत्तर सत्तर इकहत्तर बहत्तर तिहत्तर चौहत्तर पचहत्तर छिहत्तर सतहत्तर अठहत्तर उनासी अस्सी ' +
  'इक्यासी बयासी तिरासी चौरासी पचासी छियासी सत्तासी अट्ठासी नवासी नब्बे इक्यानबे बानबे तिरानबे चौरानबे पंचानबे छियानबे सत्तानबे अट्ठानबे निन्यानबे').split(' ');

const PA_1_99 = ('ਇੱਕ ਦੋ ਤਿੰਨ ਚਾਰ ਪੰਜ ਛੇ ਸੱਤ ਅੱਠ ਨੌਂ ਦਸ ਗਿਆਰਾਂ ਬਾਰਾਂ ਤੇਰਾਂ ਚੌਦਾਂ ਪੰਦਰਾਂ ਸੋਲਾਂ ਸਤਾਰਾਂ ਅਠਾਰਾਂ ਉੱਨੀ ਵੀਹ ' +
  'ਇੱਕੀ ਬਾਈ ਤੇਈ ਚੌਵੀ ਪੱਚੀ ਛੱਬੀ ਸਤਾਈ ਅਠਾਈ ਉਣੱਤੀ ਤੀਹ ਇਕੱਤੀ ਬੱਤੀ ਤੇਤੀ ਚੌਂਤੀ ਪੈਂਤੀ ਛੱਤੀ ਸੈਂਤੀ ਅਠੱਤੀ ਉਣਤਾਲੀ ਚਾਲੀ ' +
  'ਇਕਤਾਲੀ ਬਤਾਲੀ ਤਰਤਾਲੀ ਚੁਤਾਲੀ ਪੰਤਾਲੀ ਛਿਆਲੀ ਸੰਤਾਲੀ ਅਠਤਾਲੀ ਉਣੰਜਾ ਪੰਜਾਹ ਇਕਵੰਜਾ ਬਵੰਜਾ ਤਰਵੰਜਾ ਚਰਵੰਜਾ ਪਚਵੰਜਾ ਛਪੰਜਾ ਸਤਵੰਜਾ ਅਠਵੰਜਾ ਉਣਾਹਠ ਸੱਠ ' +
  'ਇਕਾਹਠ ਬਾਹਠ ਤਰੇਹਠ ਚੌਂਹਠ ਪੈਂਹਠ ਛਿਆਹਠ ਸਤਾਹਠ ਅਠਾਹਠ ਉਣੱਤਰ ਸੱਤਰ ਇਕਹੱਤਰ ਬਹੱਤਰ ਤਿਹੱਤਰ ਚੌਹੱਤਰ ਪਚੱਤਰ ਛਿਹੱਤਰ ਸਤੱਤਰ ਅਠੱਤਰ ਉਣਾਸੀ ਅੱਸੀ ' +
  'ਇਕਾਸੀ ਬਿਆਸੀ ਤਿਰਾਸੀ ਚੌਰਾਸੀ ਪਚਾਸੀ ਛਿਆਸੀ ਸਤਾਸੀ ਅਠਾਸੀ ਉਣਾਨਵੇਂ ਨੱਬੇ ਇਕਾਨਵੇਂ ਬਾਨਵੇਂ ਤਰਾਨਵੇਂ ਚੌਰਾਨਵੇਂ ਪਚਾਨਵੇਂ ਛਿਆਨਵੇਂ ਸਤਾਨਵੇਂ ਅਠਾਨਵੇਂ ਨੜਿੱਨਵੇਂ').split(' ');

interface Words {
  below100(n: number): string;
  hundred: string;
  thousand: string;
  lakh: string;
  crore: string;
  zero: string;
  rupees: string;
  paise: string;
  and: string;
  only: string;
}

const WORDS: Record<Language, Words> = {
  en: {
    below100: (n) => (n < 20 ? EN_ONES[n]! : `${EN_TENS[Math.floor(n / 10)]!}${n % 10 ? ` ${EN_ONES[n % 10]!}` : ''}`),
    hundred: 'Hundred', thousand: 'Thousand', lakh: 'Lakh', crore: 'Crore', zero: 'Zero',
    rupees: 'Rupees', paise: 'Paise', and: 'and', only: 'Only',
  },
  hi: {
    below100: (n) => HI_1_99[n - 1]!,
    hundred: 'सौ', thousand: 'हज़ार', lakh: 'लाख', crore: 'करोड़', zero: 'शून्य',
    rupees: 'रुपये', paise: 'पैसे', and: 'और', only: 'मात्र',
  },
  pa: {
    below100: (n) => PA_1_99[n - 1]!,
    hundred: 'ਸੌ', thousand: 'ਹਜ਼ਾਰ', lakh: 'ਲੱਖ', crore: 'ਕਰੋੜ', zero: 'ਸਿਫ਼ਰ',
    rupees: 'ਰੁਪਏ', paise: 'ਪੈਸੇ', and: 'ਅਤੇ', only: 'ਸਿਰਫ਼',
  },
};

/** A whole number in words, Indian grouping: 1,23,45,678 → one crore twenty-three lakh … */
export function numberInWords(n: number, lang: Language): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`cannot spell ${n}`);
  const w = WORDS[lang];
  if (n === 0) return w.zero;
  const parts: string[] = [];
  const crore = Math.floor(n / 1e7);
  if (crore) parts.push(numberInWords(crore, lang), w.crore);
  let rest = n % 1e7;
  const groups: [number, string][] = [[1e5, w.lakh], [1e3, w.thousand], [100, w.hundred]];
  for (const [size, name] of groups) {
    const q = Math.floor(rest / size);
    if (q) parts.push(w.below100(q), name);
    rest %= size;
  }
  if (rest) parts.push(w.below100(rest));
  return parts.join(' ');
}

/** "Rupees One Hundred Twenty Three and Fifty Paise Only" — the form printed on bills and receipts. */
export function amountInWords(paise: number, lang: Language): string {
  if (!Number.isSafeInteger(paise) || paise < 0) throw new RangeError(`cannot spell ${paise} paise`);
  const w = WORDS[lang];
  const rupees = Math.floor(paise / 100);
  const rest = paise % 100;
  const rupeePart = lang === 'en' ? `${w.rupees} ${numberInWords(rupees, lang)}` : `${numberInWords(rupees, lang)} ${w.rupees}`;
  const paisePart = rest ? ` ${w.and} ${numberInWords(rest, lang)} ${w.paise}` : '';
  return `${rupeePart}${paisePart} ${w.only}`;
}
