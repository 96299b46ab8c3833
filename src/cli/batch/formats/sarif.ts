// `--format sarif`: SARIF 2.1.0 for code scanning tools (GitHub code scanning's upload accepts it).
//  - tool.driver.rules: every rule, with its title, why it matters, how to fix and its sources
//    (help text and Markdown), its first source as helpUri, and its default level;
//  - results: one per finding, pointing at the file and the line and column of the evidence
//    (or of the claim line, or of the visit; see regions.ts), with a fingerprint that stays the
//    same while the finding does, so code scanning does not open it again on every run;
//  - findings the engine left out at its caps: one result per rule and severity saying how many;
//  - invocations: each input that gave no result, as an error notification naming it.
// File locations are relative to the working folder (uriBaseId %SRCROOT%), as code scanning wants
// paths relative to the repository root; files outside it get absolute file: URIs.
// Written as it goes: the header and rules first, each finding as it is checked, the rest at the end.
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RuleMeta, Severity } from '../../../engine/types';
import { moreOfRules, moreText, SEVERITIES } from '../../output';
import type { CheckedItem, ProblemEntry } from '../types';
import type { Format, FormatEnv, RunInfo } from './format';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const BASE_ID = '%SRCROOT%';
const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** A file's location: relative and percent-encoded under the working folder, else a file: URI. */
export function artifactLocation(file: string, cwd: string): { uri: string; uriBaseId?: string } {
  const absolute = resolve(cwd, file);
  const rel = relative(cwd, absolute);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return { uri: pathToFileURL(absolute).href };
  return { uri: rel.split(sep).map(encodeURIComponent).join('/'), uriBaseId: BASE_ID };
}

const markdownText = (text: string): string => text.replace(/([\\`*_[\]<>])/g, '\\$1');
const pascal = (id: string): string => id.replace(/(^|-)([a-z0-9])/g, (_m, _dash: string, ch: string) => ch.toUpperCase());

function ruleDescriptor(rule: RuleMeta): Record<string, unknown> {
  const sources = rule.citations.map((c) => `- ${c.title} <${c.url}>`).join('\n');
  const sourcesMd = rule.citations.map((c) => `- [${markdownText(c.title)}](${c.url})`).join('\n');
  return {
    id: rule.id,
    name: pascal(rule.id),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.rationale },
    help: {
      text: `${rule.rationale}\n\nHow to fix: ${rule.howToFix}${sources ? `\n\nSources:\n${sources}` : ''}`,
      markdown: `**Why it matters.** ${markdownText(rule.rationale)}\n\n**How to fix.** ${markdownText(rule.howToFix)}${sourcesMd ? `\n\n**Sources**\n\n${sourcesMd}` : ''}`,
    },
    ...(rule.citations[0] && { helpUri: rule.citations[0].url }),
    defaultConfiguration: { level: LEVEL[rule.defaultSeverity] },
    properties: { tags: ['cpt-97124', 'billing-compliance', `scope-${rule.scope}`] },
  };
}

/** A partial fingerprint: 32 hex digits of the key's SHA-256. */
function fingerprint(key: string): string {
  // Loaded here, not imported: node:crypto costs a cold command line ~2 ms, and only SARIF needs it.
  const { createHash } = process.getBuiltinModule('node:crypto');
  return createHash('sha256').update(key).digest('hex').slice(0, 32);
}

/**
 * A finding's identity across runs: its rule, visit, claim line and evidence text, and how many
 * findings with all of those came before it in the visit (not where the evidence sits, which moves
 * whenever the note is edited above it).
 */
function fingerprints(item: CheckedItem): string[] {
  const seen = new Map<string, number>();
  return item.result.findings.map((finding) => {
    const key = [finding.ruleId, item.source, finding.line ?? '', finding.evidence?.part ?? '', finding.evidence?.text ?? ''].join('\u0000');
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    return fingerprint(`${key}\u0000${occurrence}`);
  });
}

function results(item: CheckedItem, env: FormatEnv): string {
  const location = artifactLocation(item.file, env.cwd);
  const prints = fingerprints(item);
  const listed = item.result.findings
    .map((finding, i) => {
      const ruleIndex = env.rules.findIndex((rule) => rule.id === finding.ruleId);
      const region = item.regions?.[i] ?? { startLine: 1, startColumn: 1 };
      const result = {
        ruleId: finding.ruleId,
        ...(ruleIndex >= 0 && { ruleIndex }),
        level: LEVEL[finding.severity],
        message: { text: finding.message },
        locations: [{ physicalLocation: { artifactLocation: location, region } }],
        partialFingerprints: { 'claimGuardFinding/v1': prints[i] as string },
        properties: {
          source: item.source,
          profile: item.result.profile.id,
          ...(finding.evidence && { evidence: finding.evidence.text }),
          ...(finding.line !== undefined && { claimLine: finding.line }),
          ...(finding.suggestion !== undefined && { suggestion: finding.suggestion }),
          ...(finding.relatedTo && { relatedTo: finding.relatedTo.ruleId }),
        },
      };
      return `        ${JSON.stringify(result)}`;
    });
  // Findings left out at the engine's caps: one result per rule and severity that says how many,
  // exactly, so a code scanning view never looks complete when it is not.
  const more = moreOfRules(item.result).flatMap((rule) =>
    SEVERITIES.filter((severity) => rule.omitted[severity] > 0).map((severity) => {
      const ruleIndex = env.rules.findIndex((r) => r.id === rule.ruleId);
      const result = {
        ruleId: rule.ruleId,
        ...(ruleIndex >= 0 && { ruleIndex }),
        level: LEVEL[severity],
        message: { text: moreText(rule, rule.omitted[severity]) },
        locations: [{ physicalLocation: { artifactLocation: location, region: { startLine: 1, startColumn: 1 } } }],
        partialFingerprints: { 'claimGuardFinding/v1': fingerprint(['omitted', rule.ruleId, item.source, severity].join('\u0000')) },
        properties: { source: item.source, profile: item.result.profile.id, omitted: rule.omitted[severity], count: rule.count, shown: rule.shown },
      };
      return `        ${JSON.stringify(result)}`;
    }),
  );
  return [...listed, ...more].join(',\n');
}

function notification(problem: ProblemEntry, env: FormatEnv): Record<string, unknown> {
  return {
    level: 'error',
    message: { text: `${problem.source}: ${problem.messages.join('; ')}` },
    descriptor: { id: problem.kind },
    ...(problem.file !== undefined && { locations: [{ physicalLocation: { artifactLocation: artifactLocation(problem.file, env.cwd) } }] }),
  };
}

function header(run: RunInfo): string {
  const cwd = pathToFileURL(run.env.cwd).href;
  const driver = {
    name: 'Therapy Claim Guard',
    version: run.tool.version,
    semanticVersion: run.tool.version,
    properties: { ruleData: `${run.tool.data.version} (as of ${run.tool.data.asOf})` },
    rules: run.env.rules.map(ruleDescriptor),
  };
  const lines = [
    '{',
    `  "$schema": ${JSON.stringify(SARIF_SCHEMA)},`,
    '  "version": "2.1.0",',
    '  "runs": [',
    '    {',
    `      "tool": { "driver": ${JSON.stringify(driver)} },`,
    '      "columnKind": "utf16CodeUnits",',
    `      "originalUriBaseIds": ${JSON.stringify({ [BASE_ID]: { uri: cwd.endsWith('/') ? cwd : `${cwd}/` } })},`,
    '      "results": [',
  ];
  return lines.join('\n');
}

export const sarifFormat: Format = {
  locates: true,
  first: '\n',
  between: ',\n',
  begin: header,
  result: results,
  problem: () => '',
  end(summary, run, written) {
    const invocation = {
      executionSuccessful: summary.problems.length === 0,
      toolExecutionNotifications: summary.problems.map((problem) => notification(problem, run.env)),
    };
    return `${written > 0 ? '\n      ' : ''}],\n      "invocations": [${JSON.stringify(invocation)}]\n    }\n  ]\n}\n`;
  },
};
