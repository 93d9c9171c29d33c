/**
 * `@mgramseva/core/node`: the core as the Node programs use it — the Electron core process, the
 * local server of browser mode, the central server (which applies the same replication rules), the
 * benchmarks and the scripts. Screens never import this entry; they use `@mgramseva/core/contracts`.
 */

// The product and its two hosts.
export { Core, type CoreOptions } from './core.js';
export { buildLocalServer } from './server/http.js';
export { CONTENT_SECURITY_POLICY } from './server/csp.js';
export { createDispatcher, type CallMeta, type Dispatch } from './api/dispatcher.js';
export { ApiError, fail, HTTP_STATUS, ERROR_CODES, type ApiErrorBody, type ApiResponse, type ErrorCode } from './api/errors.js';
export { apiReferenceMarkdown } from './api/reference.js';

// Replication: the wire protocol, the clock, ids and the merge rules the central server shares.
export * from './sync/protocol.js';
export { HybridClock, formatHlc, parseHlc, type HlcStamp } from './sync/hlc.js';
export { newId, newIds } from './sync/ids.js';
export { SYNC_POLICY, TENANT_REQUIRED, changeWriter, localColumns, type SyncPolicy, type SyncedTable } from './sync/changes.js';
export { appendOnly, maxHlc, mergeFields, sameContent, NOT_A_FIELD, type Clocks, type AppendOutcome } from './sync/merge.js';
export { SUPERSEDED, COPY_CHILDREN, copyOf, hasDerivedIds, isCopyChild, isOfAnotherCopy } from './sync/converge.js';
export { SyncClient, lastKnownStamp, postJson, type SyncClientOptions, type SyncRound } from './sync/client.js';
export { applyPage } from './sync/apply.js';
export { FILES_PER_ROUND } from './sync/files.js';
export { tokenSealer } from './sync/device-secret.js';
export { migrationProvider } from './db/migrations/index.js';

// Rules the central server applies to what it receives.
export { hashPassword } from './auth/password.js';
export { MAX_ATTACHMENT_BYTES, todayInKolkata, vendorKey } from './expenses/rules.js';
export { sha256Of } from './expenses/documents.js';
export { overlapCheckAfterPull } from './billing/overlaps.js';
export { demandIdFor, lineIdFor, writeDemands } from './billing/write.js';
export { DEFAULT_TARIFF } from './billing/tariffs.js';

// Calendar and documents.
export * from './calendar/dates.js';
export { layoutReceipt, PAPER_58, PAPER_80 } from './printing/receipt-layout.js';

// Platform pieces a host passes to Core.open.
export { ChromiumPdfPrinter, resourcesDir } from './documents/pdf.js';
export type { PdfPrinter, Paper } from './platform/pdf.js';
export { systemClock, type Clock } from './platform/clock.js';
export { consoleLogger, silentLogger, type Logger, type LogFn } from './platform/logger.js';
export { PrinterService, defaultTransportFactory, type TransportFactory } from './printing/service.js';
export { FakeTransport } from './printing/transport.js';
