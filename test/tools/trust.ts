/**
 * The trust properties of issue 13, shared by the corpus tool (test/tools/corpus-trust.ts) and its unit
 * test: fix-all reaches its fixed point in one call, changes only what check reported, and converting a text
 * to the script it is already in changes nothing (and Simplified → Traditional → Simplified round-trips).
 */
import { DEFAULT_SETTINGS } from '../../protocol/settings';
import { applyFixes, createAnalyzer, type Analyzer, type Finding } from '../../server/src/analysis';
import { getServices } from '../../server/src/services';
import { formatOf, toAnalysisConfig } from '../../server/src/shared/config';

let analyzer: Analyzer | undefined;

function getAnalyzer(): Analyzer {
  return (analyzer ??= createAnalyzer(getServices()));
}

/** `check` as the CLI runs it on a file with the default settings. */
export function checkText(text: string, file = 'essay.txt'): { findings: Finding[]; script: string } {
  const r = getAnalyzer().analyze(text, { format: formatOf(file), config: toAnalysisConfig(DEFAULT_SETTINGS) });
  return { findings: r.findings, script: r.script };
}

/** `wenfeng fix` as the CLI does it: automatic fixes applied until the text is stable (at most 10 rounds). */
export function fixText(text: string, file = 'essay.txt'): string {
  let current = text;
  for (let round = 0; round < 10; round++) {
    const next = applyFixes(current, checkText(current, file).findings).text;
    if (next === current) {
      break;
    }
    current = next;
  }
  return current;
}

/** What went wrong with one text, empty when it is trustworthy. */
export interface TrustReport {
  /** fix(fix(x)) differs from fix(x), or one round of applyFixes is not already the fixed point. */
  idempotent: string | undefined;
  /** An automatic edit outside the range of the finding that carries it, or a change check never reported. */
  confined: string | undefined;
  /**
   * convert(x, own script) changes x where check reported no mixed script: a text in one script is left as it
   * is, and a text with words of the other script (which check reports) changes only those words.
   */
  convert: string | undefined;
  /** convert(x, own script) changed x, all of it inside script/mixed findings. */
  convertedReported: boolean;
  /** convert(convert(x, traditional), simplified) differs from x (Simplified texts only). */
  roundTrip: string | undefined;
}

function excerpt(text: string, start: number, end: number): string {
  return JSON.stringify(text.slice(Math.max(0, start - 8), Math.min(text.length, end + 8)));
}

/** The first position where two texts differ, shown in context. */
function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) {
    i++;
  }
  return `at ${i}: ${excerpt(a, i, i + 4)} → ${excerpt(b, i, i + 4)}`;
}

/** Checks the trust properties of one text. */
export function trust(text: string, file = 'essay.txt'): TrustReport {
  const { findings, script } = checkText(text, file);
  const once = applyFixes(text, findings);
  const fixed = fixText(text, file);

  let idempotent: string | undefined;
  const again = applyFixes(once.text, checkText(once.text, file).findings).text;
  if (again !== once.text) {
    idempotent = `a second round still changes ${firstDifference(once.text, again)}`;
  } else if (fixText(fixed, file) !== fixed) {
    idempotent = `fix(fix(x)) ≠ fix(x) ${firstDifference(fixed, fixText(fixed, file))}`;
  }

  let confined: string | undefined;
  for (const f of findings) {
    const fix = f.fixes.find((x) => x.auto);
    const outside = fix?.edits.find((e) => e.start < f.start || e.end > f.end);
    if (outside) {
      confined = `${f.rule} reports ${excerpt(text, f.start, f.end)} @${f.start}-${f.end} but edits @${outside.start}-${outside.end}`;
      break;
    }
  }
  if (!confined && fixed !== once.text) {
    confined = `fix changes more than the reported findings: ${firstDifference(once.text, fixed)}`;
  }

  const converter = getServices().converter;
  const converted = converter.convert(text, script as 'simplified');
  let convert: string | undefined;
  let convertedReported = false;
  if (converted !== text) {
    // Mixed-script words, and mojibake (script/garbled), whose characters conversion may also touch.
    const mixed = findings.filter((f) => f.rule === 'script/mixed' || f.rule === 'script/garbled');
    const covered = (i: number): boolean => mixed.some((f) => f.start <= i && i < f.end);
    let bad = converted.length !== text.length ? 0 : -1;
    for (let i = 0; bad < 0 && i < text.length; i++) {
      if (text.charCodeAt(i) !== converted.charCodeAt(i) && !covered(i)) {
        bad = i;
      }
    }
    if (bad >= 0) {
      convert = `to ${script} ${bad === 0 && converted.length !== text.length ? firstDifference(text, converted) : `at ${bad}: ${excerpt(text, bad, bad + 1)} → ${excerpt(converted, bad, bad + 1)}`}`;
    } else {
      convertedReported = true;
    }
  }
  let roundTrip: string | undefined;
  if (script === 'simplified') {
    const back = converter.convert(converter.convert(text, 'traditional'), 'simplified');
    roundTrip = back === text ? undefined : firstDifference(text, back);
  }
  return { idempotent, confined, convert, convertedReported, roundTrip };
}
