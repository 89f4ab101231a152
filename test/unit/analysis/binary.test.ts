import assert from 'node:assert/strict';
import { test } from 'node:test';
import { packSections, sectionReader } from '../../../server/src/analysis/binary';

test('packSections lays sections at multiples of 8 after the header; sectionReader gives them back as views', () => {
  const words = Uint16Array.from('文风𠮷'.split('').map((c) => c.charCodeAt(0)));
  const counts = Int32Array.from([7, -1, 2 ** 30]);
  const flags = Uint8Array.from([1, 0, 1, 1, 0]);
  const logs = Float64Array.from([Math.LN2, -0.5]);
  const bytes = packSections(16, [words, counts, flags, logs], (view) => {
    view.setUint32(0, 0xfeed, true);
    view.setUint32(4, words.length, true);
  });
  // 16 + 8 (4 code units) + 16 (12 bytes) + 8 (5 bytes) + 16.
  assert.equal(bytes.byteLength, 64);
  const view = new DataView(bytes.buffer);
  assert.deepEqual([view.getUint32(0, true), view.getUint32(4, true)], [0xfeed, 4]);
  const take = sectionReader(bytes, 16);
  const w = take(Uint16Array, 4);
  assert.equal(String.fromCharCode(...w), '文风𠮷');
  assert.equal(w.buffer, bytes.buffer, 'a view, not a copy');
  assert.deepEqual([...take(Int32Array, 3)], [7, -1, 2 ** 30]);
  assert.deepEqual([...take(Uint8Array, 5)], [1, 0, 1, 1, 0]);
  assert.deepEqual([...take(Float64Array, 2)], [Math.LN2, -0.5]);
  assert.throws(() => take(Uint8Array, 1), RangeError);
});

test('sectionReader refuses to read past the end of its bytes, also inside a larger buffer', () => {
  const bytes = packSections(8, [Int32Array.from([1, 2, 3, 4])], () => undefined);
  // The same bytes inside a larger buffer: the reader must stop at the slice's end, not the buffer's.
  const big = new Uint8Array(bytes.byteLength + 64);
  big.set(bytes, 8);
  const slice = big.subarray(8, 8 + bytes.byteLength - 8);
  const take = sectionReader(slice, 8);
  assert.throws(() => take(Int32Array, 4), /runs past the end/);
  const ok = sectionReader(big.subarray(8, 8 + bytes.byteLength), 8);
  assert.deepEqual([...ok(Int32Array, 4)], [1, 2, 3, 4]);
  assert.throws(() => sectionReader(bytes, 8)(Int32Array, -1), RangeError);
});
