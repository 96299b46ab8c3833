// The engine as the worker sees it. main.ts passes the real module (src/engine/index.ts); tests
// pass a fake, so the worker's logic is tested without the rule set and vice versa.
import type { ListedRule } from '../engine/index';
import type { CheckOptions, CheckResult, DataVersion, Finding } from '../engine/types';
import type { Visit } from '../engine/visit';

export interface ProfileSummary {
  id: string;
  name: string;
}

export interface EngineApi {
  check(visit: Visit, options: CheckOptions): CheckResult;
  listProfiles(): readonly ProfileSummary[];
  /** Every rule, the cross-visit ones (visit history) included: src/engine listAllRules(). */
  listAllRules(): readonly ListedRule[];
  dataVersion: DataVersion;
}

/** 53-bit FNV-1a style hash as hex: short, stable, and not reversible to the note text. */
function hash(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
  }
  return (h1.toString(16).padStart(8, '0') + (h2 & 0x1fffff).toString(16).padStart(6, '0'));
}

/**
 * One key per finding: the rule plus what it is about (the quoted evidence, the claim line's
 * code, the message). Offsets are left out on purpose so typing elsewhere in the note keeps the
 * key — and a dismissal — stable; a changed message ("3 units" → "4 units") is a new finding.
 * Identical findings get "#2", "#3" so each key is unique within the result.
 */
export function findingKeys(findings: readonly Finding[], lineCodes: readonly string[] = []): string[] {
  const seen = new Map<string, number>();
  return findings.map((finding) => {
    const line = finding.line === undefined ? '' : (lineCodes[finding.line] ?? String(finding.line));
    const base = `${finding.ruleId}:${hash([finding.evidence?.text ?? '', line, finding.message].join('\u0000'))}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}#${n}`;
  });
}
