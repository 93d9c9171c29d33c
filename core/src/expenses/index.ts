/** What other domains may use of expenses: the IST date, vendor keys and the attachment sweep. */
export { todayInKolkata, vendorKey } from './rules.js';
export { sweepDocuments } from './documents.js';
