// provider-eligibility: the massage was furnished by a provider type the payer does not pay for it
// (profile option `notPaid`: a licensed massage therapist billing on their own; a chiropractor or
// athletic trainer under Medicare). Evidence: the claim's provider, the signature, or a sentence that
// names the provider as doing the massage ("massage performed by LMT").
import type { Span } from '../chart';
import { defineRule } from './define';
import { lowerBound } from '../search';

const DEFAULT_NOT_PAID = ['LMT'];
// How far apart (characters) a provider and the massage may be named to read as "who did it".
const MAX_GAP = 30;
// Credentials that can furnish 97124 as therapy (assistants under supervision). A person who also holds
// one of these ("Jane Roe, PT, LMT") is eligible.
const DEFAULT_ELIGIBLE = ['PT', 'PTA', 'OT', 'OTA'];

const LABELS: Record<string, string> = {
  LMT: 'a licensed massage therapist',
  DC: 'a chiropractor',
  ATC: 'an athletic trainer',
  MD: 'a physician',
  NPP: 'a non-physician practitioner',
  RN: 'a nurse',
  SLP: 'a speech-language pathologist',
};

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value.map((v) => v.toUpperCase()) : undefined;
}

function suggestionFor(credential: string): string {
  if (credential === 'DC') return 'Under Medicare a chiropractor is paid only for manual manipulation of the spine (98940-98942); do not bill 97124 for massage a chiropractor furnished.';
  if (credential === 'LMT') return "Bill 97124 only for massage a PT/OT (or a supervised PTA/OTA) furnished; a massage therapist's time cannot be billed as therapy under this payer. Check the payer's credentialing if the LMT is contracted.";
  return `Bill 97124 only for massage furnished by an eligible therapy provider, and confirm the billing NPI is credentialed with this payer for ${LABELS[credential] ?? credential}.`;
}

export default defineRule({
  meta: {
    id: 'provider-eligibility',
    title: 'Massage furnished by a provider this payer does not pay',
    defaultSeverity: 'error',
    scope: 'claim',
    rationale:
      'Medicare pays 97124 only as an outpatient therapy service from PTs and OTs (or supervised assistants): massage therapists and athletic trainers count as aides, and chiropractors are covered only for spinal manipulation. Several commercial plans, Aetna among them, do not recognize massage therapists as providers.',
    howToFix:
      'Confirm who furnished the massage and that the rendering and billing NPI are eligible with this payer. Do not bill 97124 for massage by a non-eligible provider; if a therapist furnished it, make the signature and credentials say so.',
    citations: [
      { title: 'CMS Benefit Policy Manual ch.15: massage therapists and athletic trainers may not bill therapy services', url: 'https://old.bansdoc.gov.bd/eBook/42/files/basic-html/page227.html' },
      { title: 'NGS (MAC): chiropractic coverage limited to manual manipulation of the spine', url: 'https://ngsmedicare.com/en/web/ngs/chiropractic-services?selectedArticleId=943192' },
      { title: 'Aetna does not recognize massage therapists as licensed providers (summary)', url: 'https://www.cgaa.org/article/does-aetna-insurance-cover-massage-therapy' },
    ],
  },
  check({ visit, chart, facts, options, report }) {
    if (!facts.massage.inScope) return;
    const massageLines = facts.massage.lines;
    const notPaid = new Set(stringList(options.notPaid) ?? DEFAULT_NOT_PAID);
    const eligible = new Set(stringList(options.eligible) ?? DEFAULT_ELIGIBLE);
    const line = massageLines[0]?.index;
    // One finding per provider type: a signature repeated at the end of the note, or the LMT named in
    // every treatment line, says nothing new.
    const reported = new Set<string>();
    const flag = (credential: string, how: (who: string) => string, span?: Span) => {
      if (reported.has(credential)) return;
      reported.add(credential);
      report({
        message: `${how(LABELS[credential] ?? credential)}; this payer does not pay that provider type for therapeutic massage (97124)`,
        line,
        span: span ? { start: span.start, end: span.end } : undefined,
        suggestion: suggestionFor(credential),
      });
    };

    // 1. The claim's rendering provider, when the claim says.
    const claimed = facts.providerCredentials.filter((f) => f.source === 'claim').map((f) => f.value);
    if (claimed.length > 0 && !claimed.some((c) => eligible.has(c))) {
      const bad = claimed.find((c) => notPaid.has(c));
      if (bad) flag(bad, (who) => `The claim's rendering provider is ${who} (${(visit.provider?.credentials ?? []).join(', ')})`);
    }

    // 2. Signatures, when the claim names nobody: one person per signature (its credentials together).
    if (claimed.length === 0) {
      const people = new Map<number, { span: Span; credentials: Set<string> }>();
      for (const c of chart.credentials) {
        if (c.kind !== 'signature' || chart.contextAt(c.start).historical) continue;
        const person = people.get(c.start) ?? { span: c, credentials: new Set<string>() };
        person.credentials.add(c.credential);
        people.set(c.start, person);
      }
      const signers = [...people.values()];
      // A therapist's signature makes other "Name, DC" lines references (the referring chiropractor).
      if (!signers.some((p) => [...p.credentials].some((c) => eligible.has(c)))) {
        for (const p of signers) {
          const bad = [...p.credentials].find((c) => notPaid.has(c));
          if (bad) flag(bad, (who) => `The note is signed by ${who} ("${chart.text.slice(p.span.start, p.span.end)}")`, p.span);
        }
      }
    }

    // 3. The non-eligible provider named right beside the massage ("massage performed by the LMT",
    // "LMT provided soft tissue massage"), even under a therapist's signature: an aide's massage is not
    // a therapy service. Close means the same sentence and at most MAX_GAP characters apart.
    const massage = ['massage-service', 'massage-technique']
      .flatMap((id) => (chart.mentions[id] ?? []).filter((m) => !m.negated && !m.hypothetical))
      .sort((a, b) => a.start - b.start);
    // Nearest massage mention on either side, by binary search: stays linear on hostile notes.
    const besideMassage = (c: Span, sentence: number): boolean => {
      const lo = lowerBound(massage.length, (i) => massage[i]!.start < c.start);
      const before = massage[lo - 1];
      const after = massage[lo];
      return (
        (before !== undefined && before.sentence === sentence && c.start - before.end <= MAX_GAP) ||
        (after !== undefined && after.sentence === sentence && after.start - c.end <= MAX_GAP)
      );
    };
    // "Massage to L QL and glute med, 18 min, done by …, LMT": the massage entry
    // runs on to who did it. Same sentence, no ';' between, and no other service named between.
    const otherServices = (chart.mentions.service ?? []).filter((m) => m.entry !== '97124').sort((a, b) => a.start - b.start);
    // Index of the first span starting at or after `at` (spans in text order).
    const firstFrom = (spans: readonly Span[], at: number): number => lowerBound(spans.length, (i) => spans[i]!.start < at);
    const sameEntry = (c: Span, sentence: number): boolean => {
      const last = massage[firstFrom(massage, c.start) - 1];
      if (!last || last.sentence !== sentence || last.end > c.start) return false;
      if (chart.text.slice(last.end, c.start).includes(';')) return false;
      const other = otherServices[firstFrom(otherServices, last.end)];
      return !(other && other.end <= c.start);
    };
    // A name and credential written into the massage entry itself ("Massage 14 min (P. Lind, LMT): …") names
    // who furnished it, like "performed by": unless the same person also holds an eligible credential.
    const eligibleAt = new Set(chart.credentials.filter((c) => eligible.has(c.credential)).map((c) => c.start));
    for (const c of chart.credentials) {
      if (!notPaid.has(c.credential) || reported.has(c.credential)) continue;
      if (c.kind !== 'involvement' && (c.kind !== 'signature' || eligibleAt.has(c.start))) continue;
      const ctx = chart.contextAt(c.start);
      if (ctx.historical || ctx.hypothetical || ctx.negated || ctx.home || !(besideMassage(c, ctx.sentence) || sameEntry(c, ctx.sentence))) continue;
      flag(c.credential, (who) => `The note has ${who} ("${c.text}") furnishing the massage`, c);
    }
  },
});
