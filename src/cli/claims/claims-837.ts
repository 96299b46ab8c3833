// Claims from an X12 837P (professional claim, 005010X222A1): for each CLM, the patient control
// number (CLM01), payer (loop 2010BB NM1*PR), rendering provider (loop 2310B NM1*82, or 2420A for
// one line), diagnoses (HI), and each service line (LX + SV1): procedure code and modifiers, units
// (or minutes, SV1-03 MJ), diagnosis pointers and date (DTP*472). Problems name the segment; a
// bad claim is reported and skipped, the file's other claims are kept.
import type { ClaimLine, Visit } from '../../engine/visit';
import taxonomy from './taxonomy.json';
import { checkEnvelopes, type Segment, segmentsOf, X12Error } from './x12';

/** The credential a taxonomy code names (taxonomy.json), when it is one the provider rules know. */
export function credentialOfTaxonomy(code: string | undefined): string | undefined {
  const prefix = (code ?? '').trim().toUpperCase().slice(0, 4);
  return taxonomy.entries.find((e) => e.prefix === prefix)?.credential;
}

export interface ClaimProvider {
  name: string;
  npi?: string;
  /** Taxonomy code (PRV03), which says the discipline: 225100000X physical therapist… */
  taxonomy?: string;
}

export interface ClaimServiceLine extends ClaimLine {
  /** SV1-02 line charge. */
  charge?: number;
  /** SV1-07 pointers (1-based into the claim's diagnoses). */
  pointers: number[];
  date?: string;
  /** Segment of the SV1, for messages. */
  segment: number;
}

export interface Claim837 {
  /** CLM01, the patient control number: what a note is joined by. */
  controlNumber: string;
  /** Segment of the CLM. */
  segment: number;
  payer?: { name: string; id?: string };
  renderingProvider?: ClaimProvider;
  diagnoses: string[];
  dateOfService?: string;
  lines: ClaimServiceLine[];
}

export interface Read837 {
  claims: Claim837[];
  /** One line each, naming the segment; the claims listed are the ones that read cleanly. */
  problems: string[];
}

const CODE = /^[A-Za-z0-9]{5}$/;
const MODIFIER = /^[A-Za-z0-9]{2}$/;
const D8 = /^(\d{4})(\d{2})(\d{2})$/;

function date8(value: string | undefined): string | undefined {
  const m = D8.exec(value ?? '');
  return m ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
}

function personName(s: Segment): string {
  const [, , kind, last = '', first = '', middle = ''] = s.elements;
  // NM102 2 = an organisation (its name is NM103 alone).
  return kind === '2' ? last.trim() : [first, middle, last].map((p) => p.trim()).filter(Boolean).join(' ');
}

/** Diagnosis codes of an HI segment, in order: "ABK:M62830" → "M62.830" (ICD-10 written with its dot). */
function diagnosesOf(s: Segment, component: string): string[] {
  return s.elements
    .slice(1)
    .map((e) => e.split(component))
    .filter(([qualifier, code]) => qualifier && code && /^(ABK|ABF|BK|BF)$/.test(qualifier))
    .map(([, code]) => (code!.length > 3 ? `${code!.slice(0, 3)}.${code!.slice(3)}` : code!));
}

function serviceLine(s: Segment, component: string): ClaimServiceLine {
  const [qualifier = '', code = '', ...modifiers] = (s.elements[1] ?? '').split(component);
  if (qualifier !== 'HC') throw new X12Error(`expected a HCPCS/CPT procedure (SV101 HC:code), got "${s.elements[1] ?? ''}"`, s);
  if (!CODE.test(code)) throw new X12Error(`procedure "${code}" is not a 5-character CPT/HCPCS code`, s);
  const mods = modifiers.map((m) => m.trim()).filter((m) => m !== '');
  const badModifier = mods.find((m) => !MODIFIER.test(m));
  if (badModifier !== undefined) throw new X12Error(`modifier "${badModifier}" of ${code} is not 2 characters`, s);
  const unitKind = s.elements[3] ?? '';
  const quantity = s.elements[4] === undefined || s.elements[4] === '' ? undefined : Number(s.elements[4]);
  if (quantity !== undefined && !(Number.isFinite(quantity) && quantity >= 0)) throw new X12Error(`quantity "${s.elements[4]}" of ${code} is not a number`, s);
  if (unitKind !== 'UN' && unitKind !== 'MJ') throw new X12Error(`unit of ${code} is "${unitKind}"; expected UN (units) or MJ (minutes)`, s);
  const charge = s.elements[2] ? Number(s.elements[2]) : undefined;
  const pointers = (s.elements[7] ?? '').split(component).filter((p) => p !== '').map(Number);
  if (pointers.some((p) => !Number.isInteger(p) || p < 1 || p > 12)) throw new X12Error(`diagnosis pointers "${s.elements[7]}" of ${code} must be numbers 1 to 12`, s);
  const line: ClaimServiceLine = { code, pointers, segment: s.position };
  if (mods.length > 0) line.modifiers = mods;
  if (quantity !== undefined) {
    if (unitKind === 'MJ') line.minutes = quantity;
    else if (Number.isInteger(quantity)) line.units = quantity;
    else throw new X12Error(`units "${s.elements[4]}" of ${code} are not a whole number`, s);
  }
  if (charge !== undefined && Number.isFinite(charge)) line.charge = charge;
  return line;
}

/** Read the 837P claims of an X12 text. Never throws: problems are returned by segment. */
export function read837(text: string): Read837 {
  let parsed;
  try {
    parsed = segmentsOf(text);
  } catch (error) {
    return { claims: [], problems: [error instanceof Error ? error.message : String(error)] };
  }
  const { separators, segments } = parsed;
  const problems = checkEnvelopes(segments).map((e) => e.message);
  const st = segments.find((s) => s.id === 'ST');
  if (st && st.elements[1] !== '837') problems.unshift(`segment ${st.position} (ST): transaction set ${st.elements[1] ?? '(none)'} is not an 837 claim`);
  const claims: Claim837[] = [];

  let payer: Claim837['payer'];
  let claim: Claim837 | undefined;
  let claimBroken = false;
  let line: ClaimServiceLine | undefined;
  const finish = (): void => {
    if (claim && !claimBroken) {
      for (const l of claim.lines) {
        const bad = l.pointers.find((p) => p > claim!.diagnoses.length);
        if (bad !== undefined) {
          problems.push(`segment ${l.segment} (SV1): diagnosis pointer ${bad} of ${l.code} points past the claim's ${claim.diagnoses.length} diagnoses; claim ${claim.controlNumber} skipped`);
          claimBroken = true;
        }
        l.dx = l.pointers.map((p) => claim!.diagnoses[p - 1]!);
      }
      if (!claimBroken) claims.push(claim);
    }
    claim = undefined;
    claimBroken = false;
    line = undefined;
  };

  for (const s of segments) {
    try {
      switch (s.id) {
        case 'HL':
          finish();
          // A new subscriber (HL03 22) starts without the previous one's payer.
          if (s.elements[3] === '22') payer = undefined;
          break;
        case 'SE':
          finish();
          payer = undefined;
          break;
        case 'NM1': {
          const role = s.elements[1];
          if (role === 'PR') payer = { name: personName(s), ...(s.elements[9] && { id: s.elements[9] }) };
          else if (role === '82' && claim) {
            const provider: ClaimProvider = { name: personName(s), ...(s.elements[9] && { npi: s.elements[9] }) };
            // Loop 2420A (after LX) names the provider of one line; the claim keeps the 2310B one.
            if (!line) claim.renderingProvider = provider;
          }
          break;
        }
        case 'PRV':
          if (claim && !line && s.elements[1] === 'PE' && claim.renderingProvider) claim.renderingProvider.taxonomy = s.elements[3];
          break;
        case 'CLM': {
          finish();
          const controlNumber = (s.elements[1] ?? '').trim();
          if (controlNumber === '') throw new X12Error('CLM01 (patient control number) is empty', s);
          claim = { controlNumber, segment: s.position, diagnoses: [], lines: [], ...(payer && { payer: { ...payer } }) };
          break;
        }
        case 'HI':
          if (claim) claim.diagnoses.push(...diagnosesOf(s, separators.component));
          break;
        case 'LX':
          if (!claim) throw new X12Error('a service line (LX) outside any claim (CLM)', s);
          line = undefined;
          break;
        case 'SV1':
          if (!claim) throw new X12Error('a service line (SV1) outside any claim (CLM)', s);
          line = serviceLine(s, separators.component);
          claim.lines.push(line);
          break;
        case 'DTP':
          if (s.elements[1] === '472') {
            const value = s.elements[3] ?? '';
            const when = date8(value.split('-')[0]);
            if (!when) throw new X12Error(`service date "${value}" is not CCYYMMDD`, s);
            if (line) line.date = when;
            else if (claim) claim.dateOfService = when;
          }
          break;
        default:
          break;
      }
    } catch (error) {
      if (!(error instanceof X12Error)) throw error;
      problems.push(claim ? `${error.message}; claim ${claim.controlNumber} skipped` : error.message);
      if (claim) claimBroken = true;
    }
  }
  // A file cut short inside a claim: that claim is incomplete (the envelope check said where).
  if (claim && segments[segments.length - 1]?.id !== 'IEA' && problems.some((p) => p.includes('cut short'))) claimBroken = true;
  finish();
  for (const c of claims) {
    c.dateOfService ??= c.lines.find((l) => l.date)?.date;
    if (c.lines.length === 0) problems.push(`segment ${c.segment} (CLM): claim ${c.controlNumber} has no service lines`);
  }
  return { claims: claims.filter((c) => c.lines.length > 0), problems };
}

function providerOf(p: ClaimProvider): NonNullable<Visit['provider']> {
  const credential = credentialOfTaxonomy(p.taxonomy);
  return { name: p.name, ...(credential && { credentials: [credential] }) };
}

/** A claim's contribution to the Visit it is joined to: its lines, payer, provider and date. */
export function claimVisitFields(claim: Claim837): Pick<Visit, 'lines'> & Partial<Pick<Visit, 'payer' | 'provider' | 'dateOfService'>> {
  const lines: ClaimLine[] = claim.lines.map(({ code, modifiers, units, minutes, dx }) => ({
    code,
    ...(modifiers && { modifiers }),
    ...(units !== undefined && { units }),
    ...(minutes !== undefined && { minutes }),
    ...(dx && dx.length > 0 && { dx }),
  }));
  return {
    lines,
    ...(claim.payer && { payer: claim.payer.name }),
    ...(claim.renderingProvider && { provider: providerOf(claim.renderingProvider) }),
    ...(claim.dateOfService && { dateOfService: claim.dateOfService }),
  };
}
