/**
 * Hybrid logical clock (Kulkarni et al.): wall-clock milliseconds, a counter for events in the
 * same millisecond, and the node (device) id as tie-break. Serialised so that string order is
 * clock order: `000001764086400000:00000:<node>`.
 */
export interface HlcStamp {
  millis: number;
  counter: number;
  node: string;
}

const MAX_COUNTER = 99999;

export function formatHlc(s: HlcStamp): string {
  return `${String(s.millis).padStart(15, '0')}:${String(s.counter).padStart(5, '0')}:${s.node}`;
}

export function parseHlc(text: string): HlcStamp {
  const m = /^(\d{15}):(\d{5}):([A-Za-z0-9-]{1,64})$/.exec(text);
  if (!m) throw new Error(`not an HLC stamp: ${text}`);
  return { millis: Number(m[1]), counter: Number(m[2]), node: m[3]! };
}

export class HybridClock {
  private last: HlcStamp;

  constructor(
    readonly node: string,
    private readonly wallClock: () => number = Date.now,
    restored?: string,
  ) {
    this.last = restored ? parseHlc(restored) : { millis: 0, counter: 0, node };
  }

  /** A stamp for a local event, later than every stamp seen so far. */
  now(): string {
    const wall = this.wallClock();
    if (wall > this.last.millis) this.last = { millis: wall, counter: 0, node: this.node };
    else this.last = this.bump(this.last.millis, this.last.counter);
    return formatHlc(this.last);
  }

  /** Take in a stamp from another device so our next stamp is later than it. */
  receive(remote: string): void {
    const r = parseHlc(remote);
    const wall = this.wallClock();
    const millis = Math.max(wall, r.millis, this.last.millis);
    let counter = 0;
    if (millis === this.last.millis && millis === r.millis) counter = Math.max(this.last.counter, r.counter) + 1;
    else if (millis === this.last.millis) counter = this.last.counter + 1;
    else if (millis === r.millis) counter = r.counter + 1;
    this.last = this.bump(millis, counter - 1);
  }

  current(): string {
    return formatHlc(this.last);
  }

  private bump(millis: number, counter: number): HlcStamp {
    if (counter + 1 > MAX_COUNTER) return { millis: millis + 1, counter: 0, node: this.node };
    return { millis, counter: counter + 1, node: this.node };
  }
}
