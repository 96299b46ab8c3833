// Synthetic X12 837P files for the claim tests: built segment by segment so that the envelope
// counts (SE01) are right unless a test breaks them on purpose.
export interface ClaimSpec {
  control: string;
  payer?: [name: string, id: string];
  rendering?: [last: string, first: string, npi: string, taxonomy?: string];
  dx?: string[];
  lines: { proc: string; charge?: number; unit?: 'UN' | 'MJ'; qty?: number | string; pointers?: string; date?: string }[];
}

const ISA = 'ISA*00*          *00*          *ZZ*SUBMITTER01    *ZZ*RECEIVER01     *260301*1200*^*00501*000000101*0*T*:~';

export function build837(claims: ClaimSpec[], { terminator = '~', newline = '\n' } = {}): string {
  const body: string[] = [
    'ST*837*0001*005010X222A1',
    'BHT*0019*00*BATCH01*20260301*1200*CH',
    'NM1*41*2*RIVERSIDE THERAPY BILLING*****46*SUB01',
    'NM1*40*2*CLEARINGHOUSE*****46*RCV01',
    'HL*1**20*1',
    'NM1*85*2*RIVERSIDE PHYSICAL THERAPY*****XX*1234567893',
  ];
  let hl = 2;
  for (const c of claims) {
    body.push(`HL*${hl++}*1*22*0`, 'SBR*P*18*GRP100******CI', 'NM1*IL*1*PATIENT*TEST****MI*M000111');
    if (c.payer) body.push(`NM1*PR*2*${c.payer[0]}*****PI*${c.payer[1]}`);
    body.push(`CLM*${c.control}*150***11:B:1*Y*A*Y*Y`);
    if (c.dx?.length) body.push(`HI*${c.dx.map((d, i) => `${i === 0 ? 'ABK' : 'ABF'}:${d}`).join('*')}`);
    if (c.rendering) {
      body.push(`NM1*82*1*${c.rendering[0]}*${c.rendering[1]}****XX*${c.rendering[2]}`);
      if (c.rendering[3]) body.push(`PRV*PE*PXC*${c.rendering[3]}`);
    }
    c.lines.forEach((l, i) => {
      body.push(`LX*${i + 1}`, `SV1*${l.proc}*${l.charge ?? 50}*${l.unit ?? 'UN'}*${l.qty ?? 1}***${l.pointers ?? '1'}`, `DTP*472*D8*${l.date ?? '20260301'}`);
    });
  }
  body.push(`SE*${body.length + 1}*0001`);
  const segments = [ISA.slice(0, -1), 'GS*HC*SUBMITTER01*RECEIVER01*20260301*1200*101*X*005010X222A1', ...body, 'GE*1*101', 'IEA*1*000000101'];
  return segments.map((s) => `${s}${terminator}`).join(newline) + newline;
}
