/**
 * A small ESC/POS encoder of our own (ANCHORS §6): only the commands a receipt needs, every
 * byte predictable so the output can be tested byte for byte against golden files.
 *
 *   init   ESC @          1B 40
 *   align  ESC a n        1B 61 00|01|02  (left, centre, right)
 *   bold   ESC E n        1B 45 01|00
 *   size   GS ! n         1D 21 n          (n = (width−1)<<4 | (height−1), 1…8 each)
 *   feed   ESC d n        1B 64 n
 *   cut    GS V 1         1D 56 01         (partial cut; only for printers that have a cutter)
 *   text   bytes 0x20–0x7E, then LF 0A
 *
 * Text is printable ASCII only. Printers' code pages cannot carry Devanagari or Gurmukhi (and
 * differ by vendor), so anything outside ASCII becomes '?' here; callers choose what to print
 * instead (receipt-layout.ts prints the English layout with "Rs." for ₹).
 */
export const ESC = 0x1b;
export const GS = 0x1d;
export const LF = 0x0a;

export type Align = 'left' | 'center' | 'right';
const ALIGN: Record<Align, number> = { left: 0, center: 1, right: 2 };

export class EscPosEncoder {
  private readonly out: number[] = [];

  init(): this {
    this.out.push(ESC, 0x40);
    return this;
  }

  align(a: Align): this {
    this.out.push(ESC, 0x61, ALIGN[a]);
    return this;
  }

  bold(on: boolean): this {
    this.out.push(ESC, 0x45, on ? 1 : 0);
    return this;
  }

  /** Character magnification, 1–8 in each direction. */
  size(width: number, height: number): this {
    const w = Math.min(8, Math.max(1, Math.trunc(width))) - 1;
    const h = Math.min(8, Math.max(1, Math.trunc(height))) - 1;
    this.out.push(GS, 0x21, (w << 4) | h);
    return this;
  }

  /** Text without a line end. */
  text(s: string): this {
    for (const ch of s) {
      const c = ch.codePointAt(0)!;
      this.out.push(c >= 0x20 && c <= 0x7e ? c : 0x3f);
    }
    return this;
  }

  line(s = ''): this {
    return this.text(s).newline();
  }

  newline(): this {
    this.out.push(LF);
    return this;
  }

  feed(lines: number): this {
    this.out.push(ESC, 0x64, Math.min(255, Math.max(0, Math.trunc(lines))));
    return this;
  }

  cut(): this {
    this.out.push(GS, 0x56, 0x01);
    return this;
  }

  bytes(): Uint8Array {
    return Uint8Array.from(this.out);
  }
}

/**
 * ESC/POS bytes back to readable text, for tests and snapshots: commands as `[NAME arg]`,
 * text as is, LF as a new line.
 */
export function decodeEscPos(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === ESC) {
      const c = bytes[i + 1];
      if (c === 0x40) { s += '[INIT]'; i += 1; continue; }
      if (c === 0x61) { s += `[ALIGN ${['left', 'center', 'right'][bytes[i + 2]!] ?? bytes[i + 2]}]`; i += 2; continue; }
      if (c === 0x45) { s += `[BOLD ${bytes[i + 2] ? 'on' : 'off'}]`; i += 2; continue; }
      if (c === 0x64) { s += `[FEED ${bytes[i + 2]}]`; i += 2; continue; }
      s += `[ESC ${c?.toString(16)}]`;
      i += 1;
      continue;
    }
    if (b === GS) {
      const c = bytes[i + 1];
      if (c === 0x21) { const n = bytes[i + 2]!; s += `[SIZE ${(n >> 4) + 1}x${(n & 15) + 1}]`; i += 2; continue; }
      if (c === 0x56) { s += '[CUT]'; i += 2; continue; }
      s += `[GS ${c?.toString(16)}]`;
      i += 1;
      continue;
    }
    if (b === LF) { s += '\n'; continue; }
    s += b >= 0x20 && b <= 0x7e ? String.fromCharCode(b) : `[${b.toString(16).padStart(2, '0')}]`;
  }
  return s;
}
