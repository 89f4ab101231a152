/**
 * UTF-16 offset ↔ line/character conversion, as LSP counts them: lines end at CRLF, LF or CR, and
 * characters are UTF-16 code units. Used by the CLI; the server uses its TextDocument, which agrees.
 */

/** A zero-based line and UTF-16 character. */
export interface LineCharacter {
  line: number;
  character: number;
}

/** Maps offsets of one text to positions by binary search over line starts. */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) {
          i++;
        }
        this.starts.push(i + 1);
      } else if (c === 10) {
        this.starts.push(i + 1);
      }
    }
  }

  /** Position of an offset (clamped into the text). */
  positionAt(offset: number): LineCharacter {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= o) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return { line: lo, character: o - this.starts[lo]! };
  }

  /** Offset of a position (clamped to its line). */
  offsetAt(pos: LineCharacter): number {
    if (pos.line >= this.starts.length) {
      return this.text.length;
    }
    const start = this.starts[Math.max(0, pos.line)]!;
    const next = pos.line + 1 < this.starts.length ? this.starts[pos.line + 1]! : this.text.length;
    let lineEnd = next;
    while (lineEnd > start && (this.text.charCodeAt(lineEnd - 1) === 10 || this.text.charCodeAt(lineEnd - 1) === 13)) {
      lineEnd--;
    }
    return Math.min(start + Math.max(0, pos.character), lineEnd);
  }
}
