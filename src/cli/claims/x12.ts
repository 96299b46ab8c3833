// X12 interchange → segments. The ISA segment is fixed-width (106 characters) and names the
// separators itself: the element separator is its 4th character, the component separator its
// 105th, the segment terminator its 106th (optionally followed by a line break). Everything after
// it splits on those. Envelope checks (ISA/IEA, GS/GE, ST/SE: present, paired, counts agree) are
// done here, since a truncated file otherwise reads as a shorter, valid-looking one.
// docs/837p.md explains why this is ours and not node-x12 or x12-parser.

export interface Segment {
  /** 1-based position in the file, as a person counting segments would say it. */
  position: number;
  id: string;
  /** elements[1] is the first element after the segment id (X12 numbering: CLM01 = elements[1]). */
  elements: string[];
}

export interface Separators {
  element: string;
  component: string;
  segment: string;
  repetition?: string;
}

export class X12Error extends Error {
  constructor(
    message: string,
    /** The segment the problem is in or after, when there is one. */
    readonly segment?: Pick<Segment, 'position' | 'id'>,
  ) {
    super(segment ? `segment ${segment.position} (${segment.id}): ${message}` : message);
    this.name = 'X12Error';
  }
}

/** The separators an interchange declares in its ISA header; throws when the text does not start with one. */
export function separatorsOf(text: string): Separators {
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (!start.startsWith('ISA')) throw new X12Error('does not start with an ISA segment; expected an X12 interchange (ISA … IEA)');
  if (start.length < 106) throw new X12Error('the ISA segment is cut short (an ISA is 106 characters)', { position: 1, id: 'ISA' });
  const element = start[3]!;
  const segment = start[105]!;
  const component = start[104]!;
  if (/[A-Za-z0-9 ]/.test(element) || /[A-Za-z0-9]/.test(segment) || element === segment) {
    throw new X12Error(`the ISA segment does not declare usable separators (element "${element}", segment "${segment}")`, { position: 1, id: 'ISA' });
  }
  const repetition = start[82];
  return { element, component, segment, ...(repetition && repetition !== 'U' && !/[A-Za-z0-9 ]/.test(repetition) && { repetition }) };
}

/** Every segment of the text, in order; line breaks between segments are ignored. */
export function segmentsOf(text: string): { separators: Separators; segments: Segment[] } {
  const separators = separatorsOf(text);
  const body = text.replace(/^\uFEFF/, '').trimStart();
  const segments: Segment[] = [];
  for (const raw of body.split(separators.segment)) {
    const trimmed = raw.replace(/^[\r\n]+|[\r\n]+$/g, '');
    if (trimmed === '') continue;
    const elements = trimmed.split(separators.element);
    const id = elements[0]!.trim();
    segments.push({ position: segments.length + 1, id, elements });
  }
  return { separators, segments };
}

/** Envelope problems: unclosed or mismatched ISA/GS/ST, and SE segment counts that disagree. */
export function checkEnvelopes(segments: readonly Segment[]): X12Error[] {
  const problems: X12Error[] = [];
  let isa: Segment | undefined;
  let gs: Segment | undefined;
  let st: Segment | undefined;
  for (const s of segments) {
    if (s.id === 'ISA') isa = s;
    else if (s.id === 'GS') gs = s;
    else if (s.id === 'ST') st = s;
    else if (s.id === 'SE') {
      if (!st) problems.push(new X12Error('SE without an ST before it', s));
      else {
        const count = Number(s.elements[1]);
        const actual = s.position - st.position + 1;
        if (count !== actual) problems.push(new X12Error(`SE says transaction ${st.elements[2] ?? ''} has ${s.elements[1] ?? '(nothing)'} segments, but it has ${actual} (from segment ${st.position}): the file was cut or edited`, s));
        if ((s.elements[2] ?? '') !== (st.elements[2] ?? '')) problems.push(new X12Error(`SE control number ${s.elements[2] ?? ''} does not match ST ${st.elements[2] ?? ''}`, s));
      }
      st = undefined;
    } else if (s.id === 'GE') gs = undefined;
    else if (s.id === 'IEA') isa = undefined;
  }
  const last = segments[segments.length - 1];
  const cut = (what: string, opened: Segment) => problems.push(new X12Error(`the file ends inside the ${what} opened at segment ${opened.position} (no closing segment): it was cut short`, last));
  if (st) cut(`transaction ${st.elements[2] ?? ''} (ST … SE)`, st);
  else if (gs) cut('functional group (GS … GE)', gs);
  else if (isa) cut('interchange (ISA … IEA)', isa);
  return problems;
}
