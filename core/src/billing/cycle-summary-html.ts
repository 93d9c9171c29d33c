import { escapeHtml } from '../documents/html.js';
import { formatRupees } from '../documents/money.js';
import { translate, type Language } from '../i18n/translate.js';
import type { CycleSummary } from './contract.js';

/** The previous billing cycle block, the same on bills (SPEC §5.3) and receipts (§5.2). Styled by each document's `.summary` CSS. */
export function cycleSummaryHtml(s: CycleSummary, lang: Language): string {
  const L = (k: string, p: Record<string, string | number> = {}) => escapeHtml(translate(lang, `billing.doc.summary.${k}`, p));
  const money = (p: number) => escapeHtml(formatRupees(p));
  const ratings = s.ratings
    ? `<tr><td>${L('happy')}</td><td>${L('regular')}</td><td>${L('quality')}</td></tr>
<tr><td class="num">${s.ratings.happy} / 5</td><td class="num">${s.ratings.regular} / 5</td><td class="num">${s.ratings.quality} / 5</td></tr>`
    : '';
  return `<div class="summary"><h3>${L('title', { month: `${s.month.slice(5, 7)}/${s.month.slice(0, 4)}` })}</h3>
<table>
<tr><td><b>${L('collections')}</b></td><td></td><td></td></tr>
<tr><td>${L('newDemand')}</td><td>${L('collected')}</td><td>${L('pending')}</td></tr>
<tr><td class="num">${money(s.newDemandPaise)}</td><td class="num">${money(s.collectedPaise)}</td><td class="num">${money(s.pendingPaise)}</td></tr>
<tr><td><b>${L('expenditure')}</b></td><td></td><td></td></tr>
<tr><td>${L('newExpense')}</td><td>${L('paidExpense')}</td><td>${L('pendingExpense')}</td></tr>
<tr><td class="num">${money(s.newExpensePaise)}</td><td class="num">${money(s.paidExpensePaise)}</td><td class="num">${money(s.pendingExpensePaise)}</td></tr>
${ratings}
</table></div>`;
}
