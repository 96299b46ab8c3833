// The run's counts, kept on the main thread from each result's small tally (never the results
// themselves): totals for the text report's last line, counts per rule, payer profile and
// provider for the HTML report, the problems for the structured formats, and the exit code.
import type { Severity } from '../../engine/types';
import { EXIT } from '../context';
import type { TextTotals } from '../output';
import type { ProblemEntry, Tally } from './types';

export interface RuleCount {
  error: number;
  warning: number;
  info: number;
  /** Visits it fired on. */
  visits: number;
}

export interface GroupCount {
  name: string;
  visits: number;
  visitsWithErrors: number;
  /** Every finding, follow-on findings included. */
  findings: number;
}

const zero = (): Record<Severity, number> => ({ error: 0, warning: 0, info: 0 });

/** An error-level finding, listed or left out at the caps. */
const tallyHasError = (tally: Tally): boolean =>
  tally.findings.some(([, severity]) => severity === 'error') || (tally.omitted ?? []).some(([, severity]) => severity === 'error');

export class Summary {
  visits = 0;
  visitsWithErrors = 0;
  /** Files (and other inputs) finished: every result and problem of theirs written. */
  filesDone = 0;
  /** Root findings per severity (what the text report counts). */
  readonly roots = zero();
  /** Every finding per severity. */
  readonly all = zero();
  readonly byRule = new Map<string, RuleCount>();
  readonly byProfile = new Map<string, GroupCount>();
  readonly byProvider = new Map<string, GroupCount>();
  readonly problems: ProblemEntry[] = [];
  /** Across visits: visits and patients compared, and visits with a cross-visit finding at severity error. */
  readonly crossVisit = { visits: 0, patients: 0, withFindings: 0, withErrors: 0 };

  /** Visits whose findings were not all listed (the engine's caps); their counts here are exact. */
  visitsCut = 0;

  addResult(tally: Tally): void {
    this.visits++;
    const hasError = tallyHasError(tally);
    if (hasError) this.visitsWithErrors++;
    if ((tally.omitted ?? []).length > 0) this.visitsCut++;
    const findings = this.countFindings(tally);
    const count = (map: Map<string, GroupCount>, key: string, name: string): void => {
      const group = map.get(key) ?? { name, visits: 0, visitsWithErrors: 0, findings: 0 };
      group.visits++;
      if (hasError) group.visitsWithErrors++;
      group.findings += findings;
      map.set(key, group);
    };
    count(this.byProfile, tally.profile.id, tally.profile.name);
    count(this.byProvider, tally.provider, tally.provider);
  }

  /**
   * Findings per severity and per rule (a rule counts a visit once), those left out at the caps
   * included, each as a root of its own. Returns how many findings the tally stands for.
   */
  private countFindings(tally: Tally): number {
    const omitted = tally.omitted ?? [];
    const firedHere = new Set<string>();
    let findings = tally.findings.length;
    const entries: Array<[string, Severity, boolean, number]> = [
      ...tally.findings.map(([ruleId, severity, root]): [string, Severity, boolean, number] => [ruleId, severity, root, 1]),
      ...omitted.map(([ruleId, severity, n]): [string, Severity, boolean, number] => [ruleId, severity, true, n]),
    ];
    for (const [ruleId, severity, root, n] of entries) {
      this.all[severity] += n;
      if (root) this.roots[severity] += n;
      const rule = this.byRule.get(ruleId) ?? { error: 0, warning: 0, info: 0, visits: 0 };
      rule[severity] += n;
      if (!firedHere.has(ruleId)) {
        firedHere.add(ruleId);
        rule.visits++;
      }
      this.byRule.set(ruleId, rule);
    }
    for (const [, , n] of omitted) findings += n;
    return findings;
  }

  /** A visit's cross-visit findings: counted per rule and severity, but not as another visit. */
  addCrossVisit(tally: Tally): void {
    this.crossVisit.withFindings++;
    if (tallyHasError(tally)) this.crossVisit.withErrors++;
    this.countFindings(tally);
  }

  addProblem(problem: ProblemEntry): void {
    this.problems.push(problem);
  }

  get badInputs(): number {
    return this.problems.filter((p) => p.kind === 'bad-input').length;
  }

  get engineFailures(): number {
    return this.problems.filter((p) => p.kind === 'engine-failure').length;
  }

  textTotals(): TextTotals {
    return { visits: this.visits, visitsWithErrors: this.visitsWithErrors, findings: { ...this.roots } };
  }

  /**
   * 3 when the engine failed on any visit (our bug), else 2 when any input could not be read (a
   * gate must not pass over a file it never checked), else 1 for error-level findings, else 0.
   * The same order as `evaluate`, where bad input outranks a floor.
   */
  exitCode(): number {
    if (this.engineFailures > 0) return EXIT.internal;
    if (this.badInputs > 0) return EXIT.usage;
    const claimsWithoutNotes = this.problems.some((p) => p.kind === 'no-note');
    return this.visitsWithErrors > 0 || this.crossVisit.withErrors > 0 || claimsWithoutNotes ? EXIT.findings : EXIT.ok;
  }
}
