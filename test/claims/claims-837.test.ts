import { describe, expect, it } from 'vitest';
import { claimVisitFields, credentialOfTaxonomy, read837 } from '../../src/cli/claims/claims-837';
import { build837, type ClaimSpec } from './x12-fixtures';

const massage: ClaimSpec = {
  control: 'PCN-0001',
  payer: ['AETNA', '60054'],
  rendering: ['ALVAREZ', 'ROSA', '1098765432', '225100000X'],
  dx: ['M62830', 'M542'],
  lines: [
    { proc: 'HC:97124:GP', qty: 2, pointers: '1:2' },
    { proc: 'HC:97110:GP:59', qty: 1, pointers: '2' },
  ],
};

describe('read837', () => {
  it('reads claim lines, modifiers, units, diagnosis pointers, rendering provider and payer', () => {
    const { claims, problems } = read837(build837([massage]));
    expect(problems).toEqual([]);
    expect(claims).toHaveLength(1);
    const [claim] = claims;
    expect(claim).toMatchObject({
      controlNumber: 'PCN-0001',
      payer: { name: 'AETNA', id: '60054' },
      renderingProvider: { name: 'ROSA ALVAREZ', npi: '1098765432', taxonomy: '225100000X' },
      diagnoses: ['M62.830', 'M54.2'],
      dateOfService: '2026-03-01',
    });
    expect(claim!.lines.map(({ code, modifiers, units, pointers, dx }) => ({ code, modifiers, units, pointers, dx }))).toEqual([
      { code: '97124', modifiers: ['GP'], units: 2, pointers: [1, 2], dx: ['M62.830', 'M54.2'] },
      { code: '97110', modifiers: ['GP', '59'], units: 1, pointers: [2], dx: ['M54.2'] },
    ]);
  });

  it('reads separators from the ISA, with or without line breaks', () => {
    const plain = read837(build837([massage], { newline: '' }));
    const odd = read837(build837([massage]).replaceAll('*', '|').replaceAll('~', "'").replace('ISA|', 'ISA|'));
    expect(plain.claims).toHaveLength(1);
    expect(odd.problems).toEqual([]);
    expect(odd.claims[0]!.lines[0]!.code).toBe('97124');
  });

  it('keeps minutes given as MJ as minutes, not units', () => {
    const { claims } = read837(build837([{ ...massage, lines: [{ proc: 'HC:97124:GP', unit: 'MJ', qty: 23 }] }]));
    expect(claims[0]!.lines[0]).toMatchObject({ code: '97124', minutes: 23 });
    expect(claims[0]!.lines[0]!.units).toBeUndefined();
  });

  it('takes each claim its own subscriber loop payer', () => {
    const { claims } = read837(build837([massage, { control: 'PCN-0002', payer: ['MEDICARE PART B', '04412'], dx: ['M62830'], lines: [{ proc: 'HC:97124:GP' }] }]));
    expect(claims.map((c) => c.payer?.name)).toEqual(['AETNA', 'MEDICARE PART B']);
  });

  it('skips a bad claim naming its segment, and keeps the others', () => {
    const text = build837([{ ...massage, control: 'PCN-BAD', lines: [{ proc: 'HC:9712:GP' }] }, massage]);
    const { claims, problems } = read837(text);
    expect(claims.map((c) => c.controlNumber)).toEqual(['PCN-0001']);
    expect(problems).toEqual([expect.stringMatching(/^segment \d+ \(SV1\): procedure "9712" is not a 5-character CPT\/HCPCS code; claim PCN-BAD skipped$/)]);
  });

  it('refuses a diagnosis pointer past the claim diagnoses, and a modifier that is not 2 characters', () => {
    expect(read837(build837([{ ...massage, lines: [{ proc: 'HC:97124:GP', pointers: '3' }] }])).problems).toEqual([
      expect.stringMatching(/\(SV1\): diagnosis pointer 3 of 97124 points past the claim's 2 diagnoses; claim PCN-0001 skipped/),
    ]);
    expect(read837(build837([{ ...massage, lines: [{ proc: 'HC:97124:GPX' }] }])).problems[0]).toMatch(/\(SV1\): modifier "GPX" of 97124 is not 2 characters/);
    expect(read837(build837([{ ...massage, lines: [{ proc: 'HC:97124', qty: '1.5' }] }])).problems[0]).toMatch(/\(SV1\): units "1.5" of 97124 are not a whole number/);
  });

  it('says where a file was cut short, and keeps only the claims read whole', () => {
    const whole = build837([massage, { ...massage, control: 'PCN-0002' }]);
    const cut = whole.slice(0, whole.indexOf('CLM*PCN-0002') + 40);
    const { claims, problems } = read837(cut);
    expect(claims.map((c) => c.controlNumber)).toEqual(['PCN-0001']);
    expect(problems).toEqual([expect.stringMatching(/^segment \d+ \(\w+\): the file ends inside the transaction 0001 \(ST … SE\) opened at segment 3 \(no closing segment\): it was cut short$/)]);
  });

  it('catches a segment count that disagrees (a file edited by hand)', () => {
    const edited = build837([massage]).replace('\nSE*', '\nSE*9');
    expect(read837(edited).problems[0]).toMatch(/\(SE\): SE says transaction 0001 has 9\d+ segments, but it has \d+/);
  });

  it('names what is wrong with a file that is not X12 at all', () => {
    expect(read837('{"note": "json"}').problems).toEqual(['does not start with an ISA segment; expected an X12 interchange (ISA … IEA)']);
    expect(read837('ISA*00*short~').problems).toEqual(['segment 1 (ISA): the ISA segment is cut short (an ISA is 106 characters)']);
    expect(read837(build837([massage]).replace('ST*837', 'ST*835')).problems[0]).toMatch(/\(ST\): transaction set 835 is not an 837 claim/);
  });

  it("gives the visit the rendering provider's credential from its taxonomy code", () => {
    const [claim] = read837(build837([massage])).claims;
    expect(claimVisitFields(claim!).provider).toEqual({ name: 'ROSA ALVAREZ', credentials: ['PT'] });
    expect(credentialOfTaxonomy('2252X0000X')).toBe('PTA');
    expect(credentialOfTaxonomy('225700000X')).toBe('LMT');
    expect(credentialOfTaxonomy('207Q00000X')).toBeUndefined();
    const [none] = read837(build837([{ ...massage, rendering: ['ALVAREZ', 'ROSA', '1098765432'] }])).claims;
    expect(claimVisitFields(none!).provider).toEqual({ name: 'ROSA ALVAREZ' });
  });
});

