/** What other domains may use of consumers: the GP's identity and its master lists. */
export { cityCode, tenantOf } from './consumers.js';
export { DEFAULT_MASTERS, mastersFor } from './masters.js';
export type { DemandConsumerType, TaxHead } from './tables.js';
