/** What other domains may use of the dashboard: its periods (financial years and months). */
export { periodOf, recentFinancialYears } from './period.js';
