// Synthetic notes for the cross-visit tables: one SOAP note built from the figures a visit changes,
// so a series can be copied forward, lightly edited, or genuinely progressing.
export interface NoteFigures {
  pain: number;
  rotation: number;
  /** Today's own words in the Subjective; copied-forward notes keep the same. */
  reports?: string;
  /** Assessment wording; a fresh note says something new. */
  assessment?: string;
  massageMinutes?: number;
}

export function soapNote(f: NoteFigures): string {
  const minutes = f.massageMinutes ?? 15;
  return [
    `Subjective: ${f.reports ?? 'Patient says the right side of the neck stays stiff when reversing the car and after long desk work'}; pain ${f.pain}/10.`,
    `Objective: Cervical rotation R ${f.rotation} deg with end-range guarding. Palpable spasm over right upper trapezius and levator scapulae, tender to firm pressure, trigger point at the superior angle.`,
    `Treatment: Therapeutic massage ${minutes} min to right upper trapezius and levator scapulae with effleurage, kneading and stripping to release spasm before exercise. Therapeutic exercise 15 min, scapular retraction and chin tucks.`,
    `Assessment: ${f.assessment ?? 'Guarding in the right upper quarter keeps rotation short of what driving needs; soft tissue work lowers the guarding so that active range and strengthening can go on.'}`,
    'Plan: Continue plan of care twice weekly.',
  ].join('\n');
}

export const massageLines = [
  { code: '97124', modifiers: ['GP'], units: 1 },
  { code: '97110', modifiers: ['GP'], units: 1 },
];

/** A visit of patient `id` on `date` with the given note figures. */
export function visitOf(id: string, date: string, f: NoteFigures, extra: Record<string, unknown> = {}) {
  return { patient: { id }, dateOfService: date, note: soapNote(f), lines: massageLines, ...extra };
}
