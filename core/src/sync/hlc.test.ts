import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { HybridClock, parseHlc } from './hlc.js';

describe('hybrid logical clock', () => {
  it('is strictly increasing even when the wall clock stands still or goes back', () => {
    let wall = 1_000;
    const clock = new HybridClock('dev-a', () => wall);
    const a = clock.now();
    const b = clock.now();
    wall = 500;
    const c = clock.now();
    expect(a < b && b < c).toBe(true);
  });

  it('moves past a remote stamp it receives', () => {
    const a = new HybridClock('dev-a', () => 1_000);
    const b = new HybridClock('dev-b', () => 9_000);
    const remote = b.now();
    a.receive(remote);
    expect(a.now() > remote).toBe(true);
  });

  it('orders stamps as strings exactly as it orders (millis, counter, node)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 1e12 }), fc.constantFrom('a', 'b', 'c')), { minLength: 2, maxLength: 30 }), (events) => {
        const clocks = new Map<string, HybridClock>();
        const stamps: string[] = [];
        for (const [wall, node] of events) {
          const clock = clocks.get(node) ?? new HybridClock(node, () => wall);
          clocks.set(node, clock);
          const last = stamps.at(-1);
          if (last) clock.receive(last);
          stamps.push(clock.now());
        }
        for (let i = 1; i < stamps.length; i++) {
          expect(stamps[i]! > stamps[i - 1]!).toBe(true);
          const [p, q] = [parseHlc(stamps[i - 1]!), parseHlc(stamps[i]!)];
          const tupleLess = p.millis < q.millis || (p.millis === q.millis && (p.counter < q.counter || (p.counter === q.counter && p.node < q.node)));
          expect(tupleLess).toBe(true);
        }
      }),
    );
  });
});
