/** What other domains may use of collections: a receipt as printed. */
export { loadReceipt } from './receipts.js';
