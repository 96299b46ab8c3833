// A stand-in engine for the command line's tests, and run() wired to it. Findings come from markers
// in the note, so each test states what the engine "finds":
//   "relaxation"   comfort-wording (warning) with the word as evidence, in the note part holding it
//   "[[text]]"     comfort-wording (warning) with exactly `text` as evidence (any characters)
//   "OVERBILLED"   units-minutes (error) on claim line 0, without evidence
//   "CRASH"        check() throws
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll } from 'vitest';
import type { CliContext, CliEngine, ProfileLevels } from '../../src/cli/context';
import { run } from '../../src/cli/run';
import { listHistoryRules } from '../../src/engine/history';
import type { CheckOptions, CheckResult, Evidence, Finding, RuleMeta } from '../../src/engine/types';
import type { Visit } from '../../src/engine/visit';

export const citation = { title: 'CMS Pub. 100-04 ch.5 §20.2', url: 'https://medicare.fcso.com/Rehabilitation_services/0508065.asp' };

export const RULES: RuleMeta[] = [
  { id: 'comfort-wording', title: 'Comfort wording', defaultSeverity: 'warning', scope: 'visit', rationale: 'r', howToFix: 'f', citations: [citation] },
  { id: 'units-minutes', title: 'Units vs minutes', defaultSeverity: 'error', scope: 'line', rationale: 'r', howToFix: 'f', citations: [citation] },
];

function parts(visit: Visit): { key?: string; text: string }[] {
  return typeof visit.note === 'string' ? [{ text: visit.note }] : visit.note.map((p, i) => ({ key: p.id ?? p.label ?? String(i), text: p.text }));
}

function evidenceOf(visit: Visit, find: (text: string) => { start: number; end: number } | undefined): Evidence | undefined {
  for (const part of parts(visit)) {
    const at = find(part.text);
    if (!at) continue;
    const evidence: Evidence = { start: at.start, end: at.end, text: part.text.slice(at.start, at.end) };
    if (part.key !== undefined) evidence.part = part.key;
    const from = Math.max(0, at.start - 12);
    evidence.context = { start: from, text: part.text.slice(from, at.end + 12) };
    return evidence;
  }
  return undefined;
}

export type FakeEngine = CliEngine & { calls: { visit: Visit; options?: CheckOptions }[] };

export function fakeEngine(): FakeEngine {
  const calls: { visit: Visit; options?: CheckOptions }[] = [];
  return {
    calls,
    DATA_VERSION: { version: '2026.11.1', asOf: '2026-11-27' },
    listAllRules: () => [...RULES.map((r) => ({ ...r, acrossVisits: false })), ...listHistoryRules().map((r) => ({ ...r, acrossVisits: true }))],
    listProfiles: () => [
      { id: 'medicare', name: 'Medicare Part B', description: 'CMS rules' },
      { id: 'commercial', name: 'Commercial', description: 'default' },
    ],
    resolveProfile: (id): ProfileLevels =>
      id === 'medicare'
        ? { unitMethod: 'cms', rules: { 'comfort-wording': { level: 'info' }, 'units-minutes': {} } }
        : { unitMethod: 'per-code', rules: { 'units-minutes': { level: 'off' } } },
    check(visit, options) {
      calls.push({ visit, options });
      const text = parts(visit)
        .map((p) => p.text)
        .join('\n\n');
      if (text.includes('CRASH')) throw new Error('boom');
      const profile = options?.profile ?? 'commercial';
      const findings: Finding[] = [];
      const comfort = (evidence: Evidence): Finding => ({
        ruleId: 'comfort-wording',
        title: 'Comfort wording',
        severity: 'warning',
        message: `"${evidence.text}" reads as comfort care`,
        evidence,
        citations: [citation],
        suggestion: 'Name the impairment.',
        profile,
      });
      const word = evidenceOf(visit, (t) => (t.includes('relaxation') ? { start: t.indexOf('relaxation'), end: t.indexOf('relaxation') + 10 } : undefined));
      if (word) findings.push(comfort(word));
      const marked = evidenceOf(visit, (t) => {
        const open = t.indexOf('[[');
        const close = t.indexOf(']]', open + 2);
        return open >= 0 && close >= 0 ? { start: open + 2, end: close } : undefined;
      });
      if (marked) findings.push(comfort(marked));
      if (text.includes('OVERBILLED')) {
        findings.push({ ruleId: 'units-minutes', title: 'Units vs minutes', severity: 'error', message: '3 units billed, 2 supported', line: 0, citations: [citation], profile });
      }
      const result: CheckResult = {
        findings,
        units: {
          method: profile === 'medicare' ? 'cms' : 'per-code',
          totalTimedMinutes: 25,
          expected: { '97124': 2 },
          expectedTimedUnits: 2,
          billed: { '97124': 3 },
          alternatives: [],
          minutesByCode: { '97124': 25 },
          timedOrder: ['97124'],
        },
        profile: {
          id: profile,
          name: profile === 'medicare' ? 'Medicare Part B' : 'Commercial',
          matchedBy: options?.profile ? 'option' : 'default',
          ...(visit.payer !== undefined && { payerText: visit.payer }),
        },
        dataVersion: { version: '2026.11.1', asOf: '2026-11-27' },
      };
      return result;
    },
  };
}

export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
  engine: FakeEngine;
}

/** run() with the stand-in engine (or another), capturing stdout and stderr. */
export async function runCli(args: string[], extra: Partial<CliContext> & { engine?: CliEngine } = {}): Promise<Ran> {
  const engine = (extra.engine as FakeEngine | undefined) ?? fakeEngine();
  let stdout = '';
  let stderr = '';
  const code = await run(args, {
    ...extra,
    engine,
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  });
  return { code, stdout, stderr, engine };
}

/**
 * A scratch folder for one test file's inputs, removed after its tests: `file(name, content)`
 * writes a file there (making folders) and returns its path.
 */
export function scratchFolder(prefix: string): { dir: string; file(name: string, content: string | Uint8Array): string } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return {
    dir,
    file(name, content) {
      const path = join(dir, name);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, content);
      return path;
    },
  };
}

/** A Visit whose one claim line bills 97124 × 3 for 25 minutes. */
export const visitJson = (note: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({ note, lines: [{ code: '97124', units: 3, minutes: 25 }], ...extra });
