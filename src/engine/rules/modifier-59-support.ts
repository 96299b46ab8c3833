// modifier-59-support: a 59 or X{EPSU} modifier is on a line, but the note does not show what makes
// the service distinct (separate region, encounter, practitioner or time block) and separate minutes
// for each timed code of the pair. Also flags 59 with an X modifier on one line, and distinct-service
// modifiers on a line that forms no known pair. Vocabulary: data/lexicons/distinct-service.json.
import { isManualTherapy, isMassage, isTimed, lookupServiceName } from '../codes';
import { type CodePair, pairsAmong } from '../data/code-pairs';
import type { Chart, Mention, Span } from '../chart';
import type { FactLine } from '../facts';
import type { RuleContext } from '../types';
import { defineRule } from './define';

const DEFAULT_DISTINCT = ['59', 'XE', 'XS', 'XP', 'XU'];

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value.map((v) => v.toUpperCase()) : undefined;
}

const counts = (m: Mention) => !m.negated && !m.hypothetical && !m.historical && !m.home;

/** anchorsFor per chart and (code, partner): every line and pair asks again, and a long note has many mentions. */
const anchorMemo = new WeakMap<Chart, Map<string, Span[]>>();

/** Spans in the note that name a code's service: its name, its code, its minutes, its billing line. */
function anchorsFor(chart: Chart, code: string, partner: string): Span[] {
  let memo = anchorMemo.get(chart);
  if (!memo) anchorMemo.set(chart, (memo = new Map()));
  const key = `${code} ${partner}`;
  let anchors = memo.get(key);
  if (!anchors) memo.set(key, (anchors = findAnchors(chart, code, partner)));
  return anchors;
}

function findAnchors(chart: Chart, code: string, partner: string): Span[] {
  const out: Span[] = [];
  // Only today's service: "massage helped in the past" or "consider joint mobs" name no region for it.
  for (const m of chart.mentions.service ?? []) if (m.entry === code && counts(m)) out.push(m);
  // The same few wordings recur all through a long note: each is looked up once.
  const candidatesOf = new Map<string, readonly string[]>();
  for (const m of chart.mentions['service-ambiguous'] ?? []) {
    // "chiropractic adjustment" names a CMT code, but never counts when it could also be the partner.
    let candidates = candidatesOf.get(m.text);
    if (!candidates) candidatesOf.set(m.text, (candidates = lookupServiceName(m.text).candidates));
    if (counts(m) && candidates.includes(code) && !candidates.includes(partner)) out.push(m);
  }
  if (isMassage(code)) for (const m of chart.mentions['massage-service'] ?? []) if (counts(m)) out.push(m);
  if (isManualTherapy(code)) for (const m of chart.mentions['manual-therapy'] ?? []) if (counts(m)) out.push(m);
  for (const t of chart.serviceTimes) if (t.code === code) out.push(t);
  for (const l of chart.noteLines) if (l.code === code) out.push(l);
  return out.sort((a, b) => a.start - b.start);
}

/** The sentences of an anchor list: anchorsFor keeps its lists per chart, so each list's are found once, not per pair. */
const anchorSentences = new WeakMap<readonly Span[], Set<number>>();
function sentencesOfSpans(chart: Chart, spans: readonly Span[]): Set<number> {
  let sentences = anchorSentences.get(spans);
  if (!sentences) anchorSentences.set(spans, (sentences = new Set(spans.map((a) => chart.sentenceAt(a.start)))));
  return sentences;
}

/**
 * Sentences that describe a service: each anchor's sentence, and the sentence after it (same section)
 * unless that one names another service ("Kneading to L scalenes.\nJoint mobs to T6-7."). One byte
 * per sentence of the chart (1: described), not a set: a long note's sets held thousands of sentences
 * and were built again for every pair.
 */
function sentencesOf(chart: Chart, anchors: Span[], elsewhere: (sentence: number) => boolean): Uint8Array {
  const own = sentencesOfSpans(chart, anchors);
  const out = new Uint8Array(chart.sentences.length);
  for (const s of own) out[s] = 1;
  for (const s of own) {
    const next = chart.sentences[s + 1];
    if (next && next.section === chart.sentences[s]!.section && !elsewhere(s + 1) && !own.has(s + 1)) out[s + 1] = 1;
  }
  return out;
}

/** Per chart: asserted body regions by sentence, and distinct-service wording by entry (read once, asked per pair). */
const byChart = new WeakMap<Chart, { regions: Map<number, string[]>; distinct: Map<string, Mention[]> }>();
function mentionsOf(chart: Chart): { regions: Map<number, string[]>; distinct: Map<string, Mention[]> } {
  let found = byChart.get(chart);
  if (!found) {
    found = { regions: new Map(), distinct: new Map() };
    for (const m of chart.mentions['body-region'] ?? []) {
      if (m.negated) continue;
      const list = found.regions.get(m.sentence);
      if (list) list.push(m.entry);
      else found.regions.set(m.sentence, [m.entry]);
    }
    for (const m of chart.mentions['distinct-service'] ?? []) {
      if (!counts(m)) continue;
      const list = found.distinct.get(m.entry);
      if (list) list.push(m);
      else found.distinct.set(m.entry, [m]);
    }
    byChart.set(chart, found);
  }
  return found;
}

/** Body regions named in the marked sentences (asserted mentions only). */
function regionsIn(chart: Chart, sentences: Uint8Array): Set<string> {
  const out = new Set<string>();
  const bySentence = mentionsOf(chart).regions;
  // Only the set's size and members are read (disjoint regions), never its order.
  bySentence.forEach((entries, s) => {
    if (sentences[s]) for (const entry of entries) out.add(entry);
  });
  return out;
}

interface Support {
  region: boolean;
  time: boolean;
  encounter: boolean;
  intent: boolean;
  /** "same region", "same time block" said of these services: the modifier is contradicted. */
  contradiction?: Mention;
}

function supportFor(ctx: RuleContext, code: string, partner: string): Support {
  const { chart } = ctx;
  const mine = anchorsFor(chart, code, partner);
  const theirs = anchorsFor(chart, partner, code);
  // Sentences that name some other billed service: a separation said there is about that service.
  const others = new Set<number>();
  for (const other of ctx.facts.lines) {
    if (other.code === code || other.code === partner) continue;
    for (const s of sentencesOfSpans(chart, anchorsFor(chart, other.code, code))) others.add(s);
  }
  const mySentences = sentencesOf(chart, mine, (s) => sentencesOfSpans(chart, theirs).has(s) || others.has(s));
  const theirSentences = sentencesOf(chart, theirs, (s) => sentencesOfSpans(chart, mine).has(s) || others.has(s));
  const near = (m: Mention) => mySentences[m.sentence] === 1 || theirSentences[m.sentence] === 1;
  // Wording counts when it is about these services: in their sentences, or a general statement in the
  // treatment/billing record ("all services to separate regions") that names no other service.
  // ("pain worse later in the day" in the history is not a separate encounter.)
  const said = (entry: string) =>
    (mentionsOf(chart).distinct.get(entry) ?? []).filter(
      (m) => near(m) || ((m.section === 'treatment' || m.section === 'billing') && !others.has(m.sentence)),
    );
  // Two regions tied to the two services, with none in common ("massage to the upper trapezius … joint mobs to L4-5").
  const a = regionsIn(chart, mySentences);
  const b = regionsIn(chart, theirSentences);
  const disjoint = a.size > 0 && b.size > 0 && [...a].every((r) => !b.has(r));
  return {
    region: said('separate-region').length > 0 || disjoint,
    time: said('separate-time').length > 0,
    encounter: said('separate-encounter').length > 0,
    intent: said('separate-intent').length > 0,
    contradiction: said('same-region')[0],
  };
}

/** Different people who took part: distinct signatures, the claim's provider, assistants named. */
function practitionerCount(ctx: RuleContext): number {
  const people = new Set<string>();
  for (const c of ctx.chart.credentials) people.add(c.kind === 'signature' ? `sig:${c.start}` : `inv:${c.credential}`);
  if ((ctx.visit.provider?.credentials ?? []).length > 0 && people.size === 0) people.add('claim');
  return people.size;
}

function evidenceFor(ctx: RuleContext, line: FactLine, partner: string): Span | undefined {
  if (line.noteSpan) return line.noteSpan;
  const listed = ctx.chart.noteLines.find((l) => l.code === line.code);
  if (listed) return listed;
  return anchorsFor(ctx.chart, line.code, partner)[0];
}

export default defineRule({
  meta: {
    id: 'modifier-59-support',
    title: 'Distinct-service modifier not supported by the note',
    defaultSeverity: 'warning',
    scope: 'line',
    rationale:
      'Modifier 59 and XE/XS/XP/XU tell the payer that two normally bundled services were distinct. CMS says they must not be used to bypass an edit unless the record shows the separation (different anatomic site, different encounter or time block), and 59 is among the most audited modifiers.',
    howToFix:
      'Name the body region of each service and give each code its own minutes (e.g. "97124 15 min to R upper trapezius; 97140 10 min grade III PA mobilization L4-5"). Use the X modifier that fits (XS separate structure, XE separate encounter, XP different practitioner, XU non-overlapping service) and 59 only when none does; never both on one line. If the services overlapped, remove the modifier and bill one code.',
    citations: [
      { title: 'CMS MLN SE0715: documentation must satisfy the criteria for modifier 59', url: 'http://www.empiremedicare.com/mir_combined/2007-7ab/SE0715.htm' },
      { title: 'XIFIN: modifiers XE, XS, XP and XU', url: 'https://www.xifin.com/billing-beat/coding-update-modifiers-xe-xp-xs-and-xu-for-professional-claims/' },
      { title: 'Independence Blue Cross: 59 only when no X modifier fits; not more than one on a line', url: 'https://medpolicy.ibx.com/ibc/MAPPO/Pages/Policy/62fb0352-3f73-451e-8478-f4898a64c9de.aspx' },
      { title: 'WebPT: CMS Example 9, 97530 and 97140 in distinctly different time blocks', url: 'https://www.webpt.com/blog/how-to-handle-modifier-59-denials-for-97530-and-97140/' },
    ],
  },
  check(ctx) {
    const { facts, options, report } = ctx;
    const distinct = new Set(stringList(options.distinctModifiers) ?? DEFAULT_DISTINCT);
    const codes = new Set(facts.lines.map((l) => l.code));
    const pairs = pairsAmong(codes, facts.episode.dateOfService?.value);

    for (const line of facts.lines) {
      const mods = line.modifiers.filter((m) => distinct.has(m));
      if (mods.length === 0) continue;
      if (mods.length > 1) {
        report({
          message: mods.includes('59')
            ? `${line.code} carries ${mods.join(' and ')}: 59 is not reported together with an X modifier (XE/XS/XP/XU)`
            : `${line.code} carries ${mods.join(' and ')}: only one distinct-service modifier belongs on a line`,
          line: line.index,
          span: line.noteSpan,
          severity: 'error',
          suggestion: 'Keep the single X modifier that describes the separation (59 only when no X modifier fits).',
        });
      }
      const modifier = mods.find((m) => m !== '59') ?? '59';
      const mine = pairs.filter((p) => p.column1 === line.code || p.column2 === line.code);
      if (mine.length === 0) {
        const others = [...codes].filter((c) => c !== line.code);
        report({
          message: `${modifier} is on ${line.code}, but ${others.length > 0 ? `none of the other codes billed (${others.join(', ')})` : 'no other code billed'} forms a bundled pair with it in this tool's edit list; a distinct-service modifier is only for services that are normally bundled`,
          line: line.index,
          span: line.noteSpan,
          severity: 'info',
          suggestion: `Remove ${modifier} unless the payer bundles ${line.code} with another service billed today.`,
        });
        continue;
      }
      for (const pair of mine) checkPair(ctx, line, modifier, pair);
    }
  },
});

function checkPair(ctx: RuleContext, line: FactLine, modifier: string, pair: CodePair): void {
  const partner = pair.column1 === line.code ? pair.column2 : pair.column1;
  const support = supportFor(ctx, line.code, partner);
  const missing: string[] = [];
  const fixes: string[] = [];

  if (modifier === 'XS' || (modifier === '59' && pair.distinctRegionRequired)) {
    // NCCI: 59 means different anatomic sites or different encounters; XS means a separate structure.
    if (!support.region && !(modifier === '59' && support.encounter)) {
      missing.push(`a separate body region for ${line.code} and ${partner}`);
      fixes.push(`name the region of each service (e.g. "${line.code}: R upper trapezius; ${partner}: lumbar spine")`);
    }
  } else if (modifier === 'XE') {
    if (!support.encounter) {
      missing.push('a separate encounter (XE means the service was done at a different session)');
      fixes.push('state the separate session and its time, or use the modifier that fits');
    }
  } else if (modifier === 'XP') {
    if (practitionerCount(ctx) < 2) {
      missing.push('a second practitioner (XP means a different practitioner furnished it)');
      fixes.push('name and sign for each practitioner, or use the modifier that fits');
    }
  } else if (modifier === 'XU') {
    if (!support.region && !support.time && !support.intent) {
      missing.push('what keeps the service from overlapping the other (region, time block or purpose)');
      fixes.push('say what made the service non-overlapping');
    }
  }
  // Separate minutes for each timed code of the pair (CMT and other untimed codes have none).
  // A code with no minutes at all is minutes-missing's root fact: said here, folded there when it fires.
  let onlyMinutes: number | undefined;
  for (const code of [line.code, partner]) {
    if (isTimed(code) && !ctx.facts.noteMinutes[code]) {
      missing.push(`separate minutes for ${code}`);
      fixes.push(`record the minutes of ${code} on their own (e.g. "${code} — 10 min")`);
      const owner = ctx.facts.lines.find((l) => l.code === code);
      if (owner && owner.minutes === undefined) onlyMinutes = missing.length === 1 ? owner.index : -1;
      else onlyMinutes = -1;
    }
  }
  const span = support.contradiction ?? evidenceFor(ctx, line, partner);
  if (support.contradiction) {
    report(ctx, line, span, `${modifier} on ${line.code} (billed with ${partner}) is contradicted by the note: "${support.contradiction.text}" says the services overlapped`, 'If the two services were done on the same region or in the same time block, remove the modifier and bill one code.');
    return;
  }
  if (missing.length === 0) return;
  report(
    ctx,
    line,
    span,
    `${modifier} on ${line.code} (billed with ${partner}) is not supported: the note does not document ${missing.join('; nor ')}`,
    `To keep ${modifier}: ${fixes.join('; ')}. Otherwise remove it and bill one code.`,
    onlyMinutes !== undefined && onlyMinutes >= 0 ? { rule: 'minutes-missing', line: onlyMinutes } : undefined,
  );
}

function report(ctx: RuleContext, line: FactLine, span: Span | undefined, message: string, suggestion: string, because?: { rule: string; line: number }): void {
  ctx.report({ message, line: line.index, span: span ? { start: span.start, end: span.end } : undefined, suggestion, ...(because ? { because } : {}) });
}
