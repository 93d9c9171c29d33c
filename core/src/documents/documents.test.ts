import { describe, expect, it } from 'vitest';
import { amountInWords, numberInWords } from './amount-in-words.js';
import { formatDate, formatRupees, maskMobile, rupeesToPaise } from './money.js';

describe('amounts in words', () => {
  it('spells rupees in the Indian system in English', () => {
    expect(amountInWords(12_345_678_00, 'en')).toBe('Rupees One Crore Twenty Three Lakh Forty Five Thousand Six Hundred Seventy Eight Only');
    expect(amountInWords(13_350, 'en')).toBe('Rupees One Hundred Thirty Three and Fifty Paise Only');
    expect(amountInWords(0, 'en')).toBe('Rupees Zero Only');
  });
  it('spells in Hindi and Punjabi', () => {
    expect(amountInWords(32_000, 'hi')).toBe('तीन सौ बीस रुपये मात्र');
    expect(amountInWords(32_000, 'pa')).toBe('ਤਿੰਨ ਸੌ ਵੀਹ ਰੁਪਏ ਸਿਰਫ਼');
    expect(numberInWords(99, 'hi')).toBe('निन्यानबे');
    expect(numberInWords(10_000, 'pa')).toBe('ਦਸ ਹਜ਼ਾਰ');
    expect(numberInWords(150_000, 'hi')).toBe('एक लाख पचास हज़ार');
  });
  it('has all 99 irregular words in each Indic list', () => {
    for (let n = 1; n <= 99; n++) {
      expect(numberInWords(n, 'hi')).toMatch(/^\S+$/);
      expect(numberInWords(n, 'pa')).toMatch(/^\S+$/);
    }
  });
});

describe('money and dates as staff read them', () => {
  it('groups digits the Indian way', () => {
    expect(formatRupees(12_345_600)).toBe('₹1,23,456.00');
    expect(formatRupees(60_000, { whole: true })).toBe('₹600');
    expect(formatRupees(-5_000)).toBe('-₹50.00');
  });
  it('reads whole rupees only', () => {
    expect(rupeesToPaise('320')).toBe(32_000);
    expect(rupeesToPaise('12a')).toBeUndefined();
    expect(rupeesToPaise('1.5')).toBeUndefined();
  });
  it('writes dd/mm/yyyy and masks mobiles', () => {
    expect(formatDate('2024-01-31')).toBe('31/01/2024');
    expect(maskMobile('9876543210')).toBe('+91-XXXXXX3210');
  });
});
