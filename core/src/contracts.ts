/**
 * `@mgramseva/core/contracts`: everything a screen may know of the core — the operation registry
 * (names, zod inputs, result types), the shared field rules forms validate with, and the typed
 * client. Nothing here touches Node, SQLite or the file system: the renderer bundles it.
 */
export * from './api/contract.js';
export * from './api/operation.js';
export * from './api/fields.js';
export { PAGE_SIZES, type PageSize, type Paged } from './api/paging.js';
export * from './api/client.js';
export type { ApiErrorBody, ApiResponse, ErrorCode, Params } from './api/errors.js';
export * from './auth/contract.js';
export * from './home/contract.js';
export * from './sync/contract.js';
export * from './expenses/contract.js';
export * from './notifications/contract.js';
export * from './consumers/contract.js';
export { checkConsumer } from './consumers/validation.js';
export * from './billing/contract.js';
export * from './collections/contract.js';
export * from './printing/contract.js';
export * from './register/contract.js';
export * from './dashboard/contract.js';
export * from './reporting/contract.js';
