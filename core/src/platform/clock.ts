/**
 * The wall clock, as the core reads it. Hosts leave it out (the system clock); tests pass a
 * settable one so "today", penalties and idle sign-outs can be driven without waiting.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
