import type Database from 'better-sqlite3';
import {
  CompiledQuery,
  SelectQueryNode,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
} from 'kysely';

/**
 * kysely over one better-sqlite3 connection, as kysely's own SqliteDriver, with two differences
 * that matter to an office app:
 *
 * - **It takes turns.** better-sqlite3 answers synchronously, so a long read — a 1,000-bill cycle
 *   PDF's data, a report — is one unbroken chain of promise callbacks that never lets the event
 *   loop run: a payment arriving over HTTP or IPC meanwhile waits for all of it. Before a query, if
 *   this connection has run for more than `TURN_MS` since it last gave way, it gives way
 *   (setImmediate), so requests queued behind it are answered in between.
 * - **It keeps prepared statements.** kysely sends the same SQL texts again and again; preparing
 *   one costs about as much as running a small query, so recent statements are kept (LRU).
 */
export const TURN_MS = 8;
const STATEMENT_CACHE = 300;

export class SqliteConnectionDialect implements Dialect {
  constructor(private readonly database: Database.Database) {}
  createDriver(): Driver {
    return new TurnTakingDriver(this.database);
  }
  createQueryCompiler() {
    return new SqliteQueryCompiler();
  }
  createAdapter() {
    return new SqliteAdapter();
  }
  createIntrospector(db: Kysely<unknown>) {
    return new SqliteIntrospector(db);
  }
}

class TurnTakingDriver implements Driver {
  private readonly connection: TurnTakingConnection;
  private queue: Promise<void> = Promise.resolve();
  private release: (() => void) | undefined;

  constructor(private readonly database: Database.Database) {
    this.connection = new TurnTakingConnection(database);
  }

  async init(): Promise<void> {}

  /** One connection: callers wait their turn for it (kysely runs a transaction on one connection). */
  async acquireConnection(): Promise<DatabaseConnection> {
    const previous = this.queue;
    let release!: () => void;
    this.queue = new Promise<void>((r) => (release = r));
    await previous;
    this.release = release;
    return this.connection;
  }

  async releaseConnection(): Promise<void> {
    const release = this.release;
    this.release = undefined;
    release?.();
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin'));
  }
  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }
  async destroy(): Promise<void> {
    this.database.close();
  }
}

class TurnTakingConnection implements DatabaseConnection {
  private readonly statements = new Map<string, Database.Statement>();
  private turnStarted = performance.now();

  constructor(private readonly database: Database.Database) {}

  private async takeTurns(): Promise<void> {
    if (performance.now() - this.turnStarted < TURN_MS) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.turnStarted = performance.now();
  }

  private prepare(sql: string): Database.Statement {
    let stmt = this.statements.get(sql);
    if (stmt) {
      this.statements.delete(sql); // most recently used goes last
    } else {
      stmt = this.database.prepare(sql);
      if (this.statements.size >= STATEMENT_CACHE) this.statements.delete(this.statements.keys().next().value!);
    }
    this.statements.set(sql, stmt);
    return stmt;
  }

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    await this.takeTurns();
    const stmt = this.prepare(compiled.sql);
    const parameters = compiled.parameters as unknown[];
    if (stmt.reader) return { rows: stmt.all(parameters) as R[] };
    const { changes, lastInsertRowid } = stmt.run(parameters);
    return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
  }

  async *streamQuery<R>(compiled: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(compiled.query)) throw new Error('only SELECT queries can be streamed');
    // Its own statement: a statement being iterated cannot run another query meanwhile.
    for (const row of this.database.prepare(compiled.sql).iterate(compiled.parameters as unknown[])) {
      yield { rows: [row as R] };
    }
  }
}
