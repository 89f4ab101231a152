/**
 * The packed binary form shared by the compiled dictionary (services/dictionary.ts) and the compiled corpus
 * model (model/compiled.ts): a fixed-size header, then typed arrays one after another, each at an offset that is
 * a multiple of 8, so that a reader can take views on the bytes without copying.
 */

/** A typed-array constructor: what a section is read as. */
export interface SectionType<T> {
  new (buffer: ArrayBufferLike, byteOffset: number, length: number): T;
  readonly BYTES_PER_ELEMENT: number;
}

const pad8 = (n: number): number => (n + 7) & ~7;

/** `sections` after a header of `header` bytes (a multiple of 8), which `writeHeader` fills. */
export function packSections(header: number, sections: readonly ArrayBufferView[], writeHeader: (view: DataView) => void): Uint8Array {
  let size = header;
  for (const s of sections) {
    size += pad8(s.byteLength);
  }
  const out = new Uint8Array(size);
  writeHeader(new DataView(out.buffer));
  let at = header;
  for (const s of sections) {
    out.set(new Uint8Array(s.buffer, s.byteOffset, s.byteLength), at);
    at += pad8(s.byteLength);
  }
  return out;
}

/**
 * Reads the sections of `bytes` (packed by packSections, at a byte offset that is a multiple of 8) in order:
 * each call returns a view of `length` elements of `type`, and throws a RangeError when it would run past the
 * end of `bytes`.
 */
export function sectionReader(bytes: Uint8Array, header: number): <T>(type: SectionType<T>, length: number) => T {
  let at = bytes.byteOffset + header;
  const end = bytes.byteOffset + bytes.byteLength;
  return <T>(type: SectionType<T>, length: number): T => {
    const byteLength = length * type.BYTES_PER_ELEMENT;
    if (length < 0 || at + byteLength > end) {
      throw new RangeError(`a section of ${byteLength} bytes at ${at - bytes.byteOffset} runs past the end (${bytes.byteLength} bytes)`);
    }
    const view = new type(bytes.buffer, at, length);
    at += pad8(byteLength);
    return view;
  };
}
