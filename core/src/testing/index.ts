/**
 * `@mgramseva/core/testing`: what tests and benchmarks outside core use to stand up a real core
 * on a temporary SQLite file and fill it. Never imported by a program that ships.
 */
export { openTestCore, ADMIN, type TestCore } from './harness.js';
export * from '../consumers/testkit.js';
export * from '../expenses/testkit.js';
export { demoConsumerInputs } from '../consumers/demo.js';
export { IMPORT_COLUMNS } from '../consumers/import.js';
