/**
 * Work an operation leaves for after its transaction or read snapshot is released: rendering a
 * PDF, building a spreadsheet. The handler reads what it needs, then returns
 * `afterRelease(async () => …)`; the dispatcher releases the database and runs it. So a
 * 1,000-bill PDF that renders for seconds never makes a payment at the next desk wait.
 * The function must not touch `ctx.db` (its transaction is over).
 */
export class AfterRelease<T> {
  constructor(readonly run: () => Promise<T>) {}
}

export function afterRelease<T>(run: () => Promise<T>): AfterRelease<T> {
  return new AfterRelease(run);
}
