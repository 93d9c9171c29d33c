/** What other domains may use of billing: apportioning a payment and the previous-cycle summary on receipts. */
export { apportion } from './apportion.js';
export { cycleSummary, type CycleSummary } from './cycle-summary.js';
export { cycleSummaryHtml } from './cycle-summary-html.js';
