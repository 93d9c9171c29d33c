/**
 * Where the core writes what happened (an operation that failed, a sync round, a slow query). The
 * host passes one to `Core.open`; its shape is pino's, so a pino logger (or electron-log behind a
 * small wrapper) fits as it is. Fields go first, the message last: `log.error({ err, op }, 'failed')`.
 */
export interface LogFn {
  (fields: Record<string, unknown>, message?: string): void;
  (message: string): void;
}

export interface Logger {
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
  /** A logger that adds these fields to every line (e.g. `{ part: 'sync' }`). */
  child(bindings: Record<string, unknown>): Logger;
}

type Level = 'debug' | 'info' | 'warn' | 'error';

/** The default: one line per entry on stderr, for hosts that pass no logger. */
export function consoleLogger(bindings: Record<string, unknown> = {}, minLevel: Level = 'info'): Logger {
  const order: Level[] = ['debug', 'info', 'warn', 'error'];
  const at = (level: Level): LogFn =>
    ((a: Record<string, unknown> | string, b?: string) => {
      if (order.indexOf(level) < order.indexOf(minLevel)) return;
      const fields = typeof a === 'string' ? bindings : { ...bindings, ...a };
      const message = typeof a === 'string' ? a : (b ?? '');
      const { err, ...rest } = fields as { err?: unknown };
      const tags = Object.entries(rest).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`).join(' ');
      console.error(`[${level}] ${message}${tags ? ` ${tags}` : ''}`, ...(err === undefined ? [] : [err]));
    }) as LogFn;
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: (more) => consoleLogger({ ...bindings, ...more }, minLevel),
  };
}

/** A logger that drops everything (tests that check behaviour, not logs). */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silentLogger,
};
