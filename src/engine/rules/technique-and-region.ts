// technique-and-region: 97124 without a named massage technique, or without the body region it was
// applied to: two distinct findings. Vocabulary: data/lexicons/massage-technique.json, body-region.json.
import type { Chart, Mention } from '../chart';
import { isMassage } from '../codes';
import { defineRule } from './define';

/** Documentation of what was done today: not negated, hypothetical, historical or the home program. */
const performed = (m: Mention): boolean => !m.negated && !m.hypothetical && !m.historical && !m.home;

/** "97124" typed in the note names the code, not the work; billing sections list codes, not care. */
const describesWork = (m: Mention): boolean => performed(m) && m.section !== 'billing' && !/^\d+$/.test(m.text);

/** The region-reference entry that points at an earlier visit, not at this note (data/lexicons/region-reference.json). */
const EARLIER_VISIT = 'earlier-visit';

/** Sections whose findings say where the impairment is: a reference may point back at them. */
const EXAMINATION = new Set(['objective', 'assessment']);

/**
 * "massage to same muscles", "STM as above", "ditto": the massage entry gives its region
 * by pointing back. The reference names a region when what it points at does: the nearest service entry
 * before it (any code's), else a region the examination (objective, assessment) found before it. A
 * reference with nothing before it that names a region names none.
 */
function regionByReference(
  chart: Chart,
  regions: readonly Mention[],
  inWork: (sentence: number) => boolean,
  otherService: ReadonlySet<number>,
  workSentences: ReadonlySet<number>,
): boolean {
  // "same areas as last visit", "usual spots": an earlier visit is no entry of this note, so it names nothing.
  const references = (chart.mentions['region-reference'] ?? []).filter((m) => performed(m) && inWork(m.sentence) && m.entry !== EARLIER_VISIT);
  if (references.length === 0) return false;
  const named = new Set(regions.map((m) => m.sentence));
  return references.some((ref) => {
    let entry = -1;
    for (const s of [...otherService, ...workSentences]) if (s < ref.sentence && s > entry) entry = s;
    if (entry !== -1 && named.has(entry)) return true;
    return regions.some((m) => m.sentence < ref.sentence && EXAMINATION.has(m.section));
  });
}

export default defineRule({
  meta: {
    id: 'technique-and-region',
    title: 'Massage technique or body region not documented',
    defaultSeverity: 'warning',
    scope: 'line',
    rationale:
      '97124 is defined by its techniques (effleurage, petrissage, tapotement: stroking, kneading, compression, percussion) applied to named body areas. Without the technique a reviewer cannot tell massage from manual therapy (97140) or a device; without the region the service cannot be tied to the impairment or separated from other services.',
    howToFix:
      'Write what was done and where: "97124 therapeutic massage 15 min, R upper trapezius and levator scapulae: effleurage, petrissage (kneading) and sustained compression to reduce palpable hypertonicity".',
    citations: [
      { title: 'Coding Ahead: CPT 97124 therapeutic massage (effleurage, petrissage, tapotement)', url: 'https://www.codingahead.com/cpt-97124-therapeutic-massage-1-or-more-areas-15-minutes/' },
      { title: 'Manual therapy documentation elements: technique and anatomical region named specifically', url: 'https://mirahealth.care/reference/cpt/97140' },
      { title: 'SPRY: CPT 97124 therapeutic massage', url: 'https://thesprypt.com/cpt-codes/97124' },
    ],
  },
  check({ chart, facts, report }) {
    const massageLines = facts.massage.lines;
    const services = (chart.mentions['massage-service'] ?? []).filter(performed);
    if (!facts.massage.inScope) return;

    const techniques = (chart.mentions['massage-technique'] ?? []).filter(performed);
    // A region counts where hands-on work is described: that sentence, or a neighbour in the same
    // section ("Massage 15 min with effleurage.\nBilateral lumbar paraspinals.").
    const workSentences = new Set<number>();
    // Manual-therapy work stands for the hands-on entry only when no massage stroke is named: a region
    // written for the joint mobilisation ("posterior glides, R glenohumeral joint") is that service's.
    const manual = techniques.length > 0 ? [] : (chart.mentions['manual-therapy'] ?? []).filter(performed);
    for (const m of [...services.filter(describesWork), ...techniques, ...manual]) workSentences.add(m.sentence);
    const sameSection = (a: number, b: number) => chart.sentences[a]?.section === chart.sentences[b]?.section;
    // A neighbour's region is the massage's only when the neighbour is no other service's entry:
    // "Grade III glides, R GH joint" just above "STM (97124) -" names the mobilisation's joint.
    const otherService = new Set<number>();
    for (const m of chart.mentions.service ?? []) if (!isMassage(m.entry)) otherService.add(m.sentence);
    for (const id of ['manual-therapy', 'active-therapy']) for (const m of chart.mentions[id] ?? []) otherService.add(m.sentence);
    for (const s of workSentences) otherService.delete(s);
    const neighbour = (s: number, work: number) => workSentences.has(work) && sameSection(s, work) && !otherService.has(s);
    const regions = (chart.mentions['body-region'] ?? []).filter((m) => !m.negated && !m.historical);
    const inWork = (s: number) => workSentences.has(s) || neighbour(s, s - 1) || neighbour(s, s + 1);
    // An entry that gives its region by pointing ("STM to the usual spots, petrissage") has said
    // where: the sentence before it (the patient's report, another finding) is not its region. A line after
    // it may still continue it ("… as before:\n- L QL").
    const named = new Set(regions.map((m) => m.sentence));
    const pointing = new Set<number>();
    // (A pointer to an earlier visit reads as past by its own words: "as previous tx" is still today's entry.)
    const pointsHere = (m: Mention) => !m.negated && !m.hypothetical && !m.home && (m.entry === EARLIER_VISIT || !m.historical);
    for (const m of chart.mentions['region-reference'] ?? []) if (pointsHere(m) && workSentences.has(m.sentence) && !named.has(m.sentence)) pointing.add(m.sentence);
    const regionHere = (s: number) => workSentences.has(s) || neighbour(s, s - 1) || (neighbour(s, s + 1) && !pointing.has(s + 1));
    const region = regions.some((m) => regionHere(m.sentence)) || regionByReference(chart, regions, inWork, otherService, workSentences);
    if (techniques.length > 0 && region) return;

    // Point at the massage entry itself: that is where the technique and region belong.
    const entry = services.find(describesWork);
    const targets: { line?: number; label: string }[] =
      massageLines.length > 0 ? massageLines.map((l) => ({ line: l.index, label: `${l.code} is billed (line ${l.index + 1})` })) : [{ label: 'Massage is documented' }];
    for (const target of targets) {
      const where = { ...(entry ? { span: entry } : {}), ...(target.line !== undefined ? { line: target.line } : {}) };
      if (techniques.length === 0) {
        report({
          message: `${target.label} but the note names no massage technique (effleurage/stroking, petrissage/kneading, tapotement/percussion, compression, friction)`,
          suggestion: 'Name the technique, e.g. "effleurage and petrissage (kneading) with sustained compression".',
          ...where,
        });
      }
      if (!region) {
        report({
          message: `${target.label} but the note does not name the body region the massage was applied to`,
          suggestion: 'Name the region and muscles, e.g. "R upper trapezius and levator scapulae" or "bilateral lumbar paraspinals".',
          ...where,
        });
      }
    }
  },
});
