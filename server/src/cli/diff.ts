/**
 * Unified diffs for `fix --diff`: line by line, three lines of context, `\ No newline at end of file` where a
 * side ends without one.
 */

/** The lines of a text, each with its line break. */
function linesOf(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

type Op = { kind: ' ' | '-' | '+'; line: string };

/** The edit script between two lists of lines (a longest common subsequence; one block past a size limit). */
function editScript(a: readonly string[], b: readonly string[]): Op[] {
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) {
    pre++;
  }
  let post = 0;
  while (post < a.length - pre && post < b.length - pre && a[a.length - 1 - post] === b[b.length - 1 - post]) {
    post++;
  }
  const x = a.slice(pre, a.length - post);
  const y = b.slice(pre, b.length - post);
  const middle: Op[] = [];
  if (x.length * y.length > 16_000_000) {
    middle.push(...x.map((line): Op => ({ kind: '-', line })), ...y.map((line): Op => ({ kind: '+', line })));
  } else {
    // lcs[i][j]: length of the longest common subsequence of x[i…] and y[j…].
    const w = y.length + 1;
    const lcs = new Uint32Array((x.length + 1) * w);
    for (let i = x.length - 1; i >= 0; i--) {
      for (let j = y.length - 1; j >= 0; j--) {
        lcs[i * w + j] = x[i] === y[j] ? lcs[(i + 1) * w + j + 1]! + 1 : Math.max(lcs[(i + 1) * w + j]!, lcs[i * w + j + 1]!);
      }
    }
    let i = 0;
    let j = 0;
    while (i < x.length || j < y.length) {
      if (i < x.length && j < y.length && x[i] === y[j]) {
        middle.push({ kind: ' ', line: x[i++]! });
        j++;
      } else if (j < y.length && (i === x.length || lcs[i * w + j + 1]! >= lcs[(i + 1) * w + j]!)) {
        middle.push({ kind: '+', line: y[j++]! });
      } else {
        middle.push({ kind: '-', line: x[i++]! });
      }
    }
    // Within a changed block, removals before additions (as diff prints them).
    for (let k = 0; k < middle.length; ) {
      let end = k;
      while (end < middle.length && middle[end]!.kind !== ' ') {
        end++;
      }
      const block = middle.slice(k, end);
      middle.splice(k, end - k, ...block.filter((o) => o.kind === '-'), ...block.filter((o) => o.kind === '+'));
      k = end + 1;
    }
  }
  const same = (line: string): Op => ({ kind: ' ', line });
  return [...a.slice(0, pre).map(same), ...middle, ...a.slice(a.length - post).map(same)];
}

/** The unified diff between two versions of a file; empty when they are equal. */
export function unifiedDiff(before: string, after: string, oldName: string, newName: string, context = 3): string {
  if (before === after) {
    return '';
  }
  const ops = editScript(linesOf(before), linesOf(after));
  const changed = ops.map((o, i) => (o.kind === ' ' ? -1 : i)).filter((i) => i >= 0);
  // Hunks: runs of changes closer than 2 × context lines, with their context.
  const hunks: Array<[number, number]> = [];
  for (const i of changed) {
    const last = hunks[hunks.length - 1];
    if (last && i - last[1] <= 2 * context + 1) {
      last[1] = i;
    } else {
      hunks.push([i, i]);
    }
  }
  let out = `--- ${oldName}\n+++ ${newName}\n`;
  // Line numbers of both sides at each op.
  const oldAt: number[] = [];
  const newAt: number[] = [];
  let o = 1;
  let n = 1;
  for (const op of ops) {
    oldAt.push(o);
    newAt.push(n);
    o += op.kind === '+' ? 0 : 1;
    n += op.kind === '-' ? 0 : 1;
  }
  for (const [first, last] of hunks) {
    const from = Math.max(0, first - context);
    const to = Math.min(ops.length - 1, last + context);
    const slice = ops.slice(from, to + 1);
    const oldCount = slice.filter((x) => x.kind !== '+').length;
    const newCount = slice.filter((x) => x.kind !== '-').length;
    const oldStart = oldCount === 0 ? oldAt[from]! - 1 : oldAt[from]!;
    const newStart = newCount === 0 ? newAt[from]! - 1 : newAt[from]!;
    out += `@@ -${oldStart},${oldCount} +${newStart},${newCount} @@\n`;
    for (const x of slice) {
      out += x.line.endsWith('\n') ? `${x.kind}${x.line}` : `${x.kind}${x.line}\n\\ No newline at end of file\n`;
    }
  }
  return out;
}
