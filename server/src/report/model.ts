/**
 * The report's data (issue 17): what the report page shows of one analysis, as plain JSON — the server sends it
 * to the editor's report view, the CLI renders it to a standalone page. Pure: no I/O, no vscode.
 */
import type { AnalysisResult } from '../analysis';
import { ruleById } from '../analysis/registry';
import type { Score } from '../analysis/score';
import type { Series } from '../analysis/structure/series';
import { SEVERITY_FACTOR } from '../analysis/score-weights';
import type { Category, Severity } from '../analysis/types';

/** A position as the editor counts it: 0-based line, UTF-16 character. */
export interface ReportPosition {
  line: number;
  character: number;
}

/** One finding of the report. */
export interface ReportFinding {
  rule: string;
  category: Category;
  severity: Severity;
  message: string;
  start: ReportPosition;
  end: ReportPosition;
  /** The text the finding covers (at most 40 code units, newlines shown as ⏎). */
  excerpt: string;
}

/** One paragraph of the strip. */
export interface ReportParagraph {
  /** 0-based line of its first character. */
  line: number;
  /** Length in code units. */
  length: number;
  findings: number;
  /** Findings weighted by severity (error 1.5 … hint 0.25) per 100 code units: where findings cluster. */
  density: number;
}

/** One series of the skeleton. */
export interface ReportSeries {
  kind: 'ordinal' | 'frame';
  level: Series['level'];
  frame?: string;
  announced?: { count: number; text: string; line: number };
  items: Array<{ line: number; lead: string }>;
}

/** What the report shows. */
export interface ReportModel {
  /** The document's name (a file name, or an untitled name). */
  title: string;
  script: string;
  length: number;
  score: Score;
  paragraphs: ReportParagraph[];
  findings: ReportFinding[];
  skeleton: {
    sections: Array<{ title: string; level: number; line: number }>;
    series: ReportSeries[];
    orphans: Array<{ text: string; line: number }>;
  };
}

/** Offsets → positions, by binary search over the line starts. */
function positions(text: string): (offset: number) => ReportPosition {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      starts.push(i + 1);
    }
  }
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return { line: lo, character: offset - starts[lo]! };
  };
}

function clip(s: string, n: number): string {
  const flat = s.replace(/\r?\n/g, '⏎').replace(/\t/g, ' ');
  return flat.length > n ? `${flat.slice(0, n)}…` : flat;
}

/** The report's data of an analysis of `text`. */
export function buildReportModel(result: AnalysisResult, text: string, title: string): ReportModel {
  const at = positions(text);
  const findings: ReportFinding[] = result.findings.map((f) => ({
    rule: f.rule,
    category: ruleById(f.rule)?.meta.category ?? (f.rule.split('/')[0] as Category),
    severity: f.severity,
    message: f.message,
    start: at(f.start),
    end: at(f.end),
    excerpt: clip(text.slice(f.start, f.end), 40),
  }));
  // Findings per paragraph: each finding is added to the paragraphs it overlaps (found by binary search), so a long
  // document with many findings costs O(findings × log paragraphs).
  const ps = result.paragraphs;
  const count = new Array<number>(ps.length).fill(0);
  const weight = new Array<number>(ps.length).fill(0);
  for (const f of result.findings) {
    let lo = 0;
    let hi = ps.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ps[mid]!.end <= f.start) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    for (let k = lo; k < ps.length && (ps[k]!.start < f.end || (f.start === f.end && ps[k]!.start <= f.start)); k++) {
      if (ps[k]!.end > f.start || f.start === f.end) {
        count[k]!++;
        weight[k]! += SEVERITY_FACTOR[f.severity];
      }
      if (f.start === f.end) {
        break;
      }
    }
  }
  const paragraphs: ReportParagraph[] = ps.map((p, k) => {
    const length = p.end - p.start;
    return { line: at(p.start).line, length, findings: count[k]!, density: length > 0 ? Math.round((weight[k]! * 10000) / length) / 100 : 0 };
  });
  const s = result.structure;
  return {
    title,
    script: result.script,
    length: text.length,
    score: result.score,
    paragraphs,
    findings,
    skeleton: {
      sections: s.sections.map((x) => ({ title: clip(x.title, 60), level: x.level, line: at(x.headingStart).line })),
      // The skeleton is the essay's build: series of paragraphs and sentences. Clause series (尊重自然、顺应自然、
      // 保护自然) are phrasing inside one sentence; the editor's outline lists them under their paragraph.
      series: s.series.filter((x) => x.level !== 'clause').map((x) => ({
        kind: x.kind,
        level: x.level,
        ...(x.frame ? { frame: x.frame } : {}),
        ...(x.announced ? { announced: { count: x.announced.count, text: x.announced.text, line: at(x.announced.start).line } } : {}),
        items: x.items.map((it) => ({ line: at(it.leadStart).line, lead: clip(it.lead, 40) })),
      })),
      orphans: s.orphans.map((o) => ({ text: o.text, line: at(o.start).line })),
    },
  };
}
