import { describe, expect, it } from 'vitest';
import { auditCsv, auditFileName } from '../../src/options/audit-csv';

describe('dismissal log CSV', () => {
  it('quotes every cell and defuses what a spreadsheet would run as a formula', () => {
    const csv = auditCsv([{ ruleId: 'x', hash: 'ab', reason: 'other', at: 0 }], () => '=HYPERLINK("http://evil")');
    expect(csv.split('\r\n')[1]).toBe('"1970-01-01T00:00:00.000Z","x","\'=HYPERLINK(""http://evil"")","ab","other"');
  });

  it('names the file by the day', () => {
    expect(auditFileName(new Date(Date.UTC(2026, 10, 27, 23, 0)))).toBe('therapy-claim-guard-dismissals-2026-11-27.csv');
  });
});
