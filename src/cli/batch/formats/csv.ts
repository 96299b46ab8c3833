// `--format csv`: one row per finding, for spreadsheets. RFC 4180 (CRLF rows, quoted cells where
// needed) with a UTF-8 byte-order mark, without which Excel misreads accents and dashes.
//
// Formula injection: a spreadsheet runs a cell that starts with = + - or @ (and, in some, a tab or
// carriage return) as a formula, and note text can start that way ("- massage 15 min", "=HYPERLINK(…)").
// Such a cell gets a leading apostrophe, which spreadsheets show as text and do not evaluate.
//
// A rule whose findings were not all listed (the engine's caps) adds a row of kind `omitted`
// with the exact count left out. A visit with no findings has no row; an input that gave no result has one row whose kind is
// bad-input or engine-failure, with its messages in the message column.
import { type Format } from './format';
import { moreOfRules, moreText, SEVERITIES } from '../../output';
import { providerLabel } from '../process';
import type { CheckedItem, ProblemEntry } from '../types';

export const CSV_COLUMNS = [
  'source',
  'kind',
  'rule_id',
  'severity',
  'message',
  'evidence',
  'file_line',
  'file_column',
  'claim_line',
  'profile',
  'payer',
  'provider',
  'visit_id',
  'date_of_service',
  'suggestion',
  'citation_url',
  'related_to',
] as const;

type Row = Partial<Record<(typeof CSV_COLUMNS)[number], string | number>>;

const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r']);

/** One cell: neutralised if a spreadsheet would run it, quoted if it holds a comma, quote or line break. */
export function csvCell(value: string | number | undefined): string {
  if (value === undefined) return '';
  let text = String(value);
  if (FORMULA_START.has(text[0] ?? '')) text = `'${text}`;
  if (/[",\r\n]/.test(text)) text = `"${text.replaceAll('"', '""')}"`;
  return text;
}

function csvRow(row: Row): string {
  return `${CSV_COLUMNS.map((column) => csvCell(row[column])).join(',')}\r\n`;
}

function findingRows(item: CheckedItem): string {
  const { result, visit } = item;
  const common: Row = {
    source: item.source,
    profile: result.profile.id,
    payer: result.profile.payerText ?? visit.payer,
    provider: providerLabel(visit),
    visit_id: visit.id,
    date_of_service: visit.dateOfService,
  };
  // Findings left out at the engine's caps: one row per rule and severity, with the exact count.
  const more = moreOfRules(result).flatMap((rule) =>
    SEVERITIES.filter((severity) => rule.omitted[severity] > 0).map((severity) =>
      csvRow({ ...common, kind: 'omitted', rule_id: rule.ruleId, severity, message: moreText(rule, rule.omitted[severity], false) }),
    ),
  );
  return result.findings
    .map((finding, i) => {
      const region = item.regions?.[i];
      return csvRow({
        ...common,
        kind: item.crossVisit ? 'cross-visit' : 'finding',
        rule_id: finding.ruleId,
        severity: finding.severity,
        message: finding.message,
        evidence: finding.evidence?.text,
        file_line: region?.startLine,
        file_column: region?.startColumn,
        // 1-based, as people number claim lines (the JSON contract's "line" is the 0-based index).
        claim_line: finding.line === undefined ? undefined : finding.line + 1,
        suggestion: finding.suggestion,
        citation_url: finding.citations[0]?.url,
        related_to: finding.relatedTo?.ruleId,
      });
    })
    .concat(more)
    .join('');
}

export const csvFormat: Format = {
  locates: true,
  first: '',
  between: '',
  begin: () => `\ufeff${CSV_COLUMNS.join(',')}\r\n`,
  result: findingRows,
  problem: (problem: ProblemEntry) => csvRow({ source: problem.source, kind: problem.kind, message: problem.messages.join('; ') }),
  end: () => '',
};
