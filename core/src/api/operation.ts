import type { z } from 'zod';

/**
 * Who may call an operation:
 * - 'public': anyone, no session (sign-in, first-run setup, languages);
 * - 'signedIn': any signed-in user, whatever their roles;
 * - a list of role codes (SPEC §1.1): the user must hold one of them, directly or through a
 *   bundle such as SARPANCH, for the Gram Panchayat selected in the session.
 */
export type Access = 'public' | 'signedIn' | readonly string[];

/**
 * Whether an operation changes data. A 'write' runs in the one write transaction (writes are
 * serialised); a 'read' runs on a read snapshot of its own, beside any write in progress, and
 * cannot write (its connection is query-only). Rendering, exporting and printing never hold
 * either: a handler returns `afterRelease(…)` for them (api/after-release.ts).
 */
export type Mode = 'read' | 'write';

/**
 * The declaration of one operation: what the renderer, the server and the docs see.
 * The handler lives apart (in the domain's handlers.ts) so the renderer can import this
 * file without pulling in SQLite.
 */
export interface OperationSpec<I extends z.ZodType = z.ZodType, O = unknown> {
  input: I;
  access: Access;
  mode: Mode;
  /** One sentence for the generated API reference. */
  doc: string;
  /**
   * A status the screens poll on a timer: calling it is not the clerk's activity, so it does not
   * keep an idle session alive (the idle sign-out of SPEC/DESIGN must still happen).
   */
  passive?: true;
  /** Phantom: the result type. Never read at run time. */
  readonly _output?: O;
}

/** `op<Result>()({ input, access, mode, doc })` — the result type is given, the input inferred. */
export function op<O>() {
  return <I extends z.ZodType>(spec: { input: I; access: Access; mode: Mode; doc: string; passive?: true }): OperationSpec<I, O> => spec;
}

export type OutputOf<S> = S extends OperationSpec<z.ZodType, infer O> ? O : never;
export type InputOf<S> = S extends OperationSpec<infer I, unknown> ? z.input<I> : never;
export type ParsedInputOf<S> = S extends OperationSpec<infer I, unknown> ? z.output<I> : never;
