// Signatures, credentials, dates and episode facts read from the note (src/engine/chart/note-facts.ts).
import { describe, expect, it } from 'vitest';
import { findEpisodeFacts, findSignatures, normaliseCredential, parseDate } from '../../../src/engine/chart/note-facts';

const sigs = (text: string) => findSignatures(text).map((s) => `${s.credential}:${s.text}`);

describe('findSignatures', () => {
  it('reads signatures with one or several credentials', () => {
    expect(sigs('Massage 15 min.\nJ. Smith, PTA')).toEqual(['PTA:J. Smith, PTA']);
    expect(sigs('Jane Roe, PT, LMT')).toEqual(['PT:Jane Roe, PT, LMT', 'LMT:Jane Roe, PT, LMT']);
    expect(sigs('Signed by: Ann Lee DPT')).toEqual(['PT:Signed by: Ann Lee DPT']);
    expect(sigs('Ann Lee, COTA/L')).toEqual(['OTA:Ann Lee, COTA/L']);
  });

  it('skips people named in passing: referrals, care elsewhere, contacts', () => {
    expect(sigs('Referred by John Roe, MD for neck pain.')).toEqual([]);
    expect(sigs('He came under the care of Dr. Abcd, DC in 2005.')).toEqual([]);
    expect(sigs('Referring physician: Mary Major, MD')).toEqual([]);
    expect(sigs('The therapist would contact the MD if needed.')).toEqual([]);
    expect(sigs('Will see Joe Smith, DC next week.')).toEqual([]);
  });

  it('does not read everyday abbreviations as credentials', () => {
    expect(sigs('Plan: Continue, DC massage after visit 6.')).toEqual([]);
    expect(sigs('Recommend Continue PT, OT and speech.')).toEqual([]);
  });
});

describe('normaliseCredential', () => {
  it('maps written credentials to their role', () => {
    expect(normaliseCredential('dpt')).toBe('PT');
    expect(normaliseCredential('OTR / L')).toBe('OT');
    expect(normaliseCredential('LPTA')).toBe('PTA');
    expect(normaliseCredential('LMP')).toBe('LMT');
    expect(normaliseCredential('DO')).toBe('MD');
    expect(normaliseCredential('SPT')).toBeUndefined();
  });
});

describe('parseDate', () => {
  it('reads the common written forms', () => {
    expect(parseDate('2026-03-05')).toBe('2026-03-05');
    expect(parseDate('3/5/26')).toBe('2026-03-05');
    expect(parseDate('03-05-2026')).toBe('2026-03-05');
    expect(parseDate('March 5th, 2026')).toBe('2026-03-05');
    expect(parseDate('Sept. 30, 2021')).toBe('2021-09-30');
  });
  it('rejects impossible dates', () => {
    expect(parseDate('2/30/2026')).toBeUndefined();
    expect(parseDate('13/01/2026')).toBeUndefined();
    expect(parseDate('3/5/202')).toBeUndefined();
  });
});

describe('findEpisodeFacts', () => {
  it('reads the visit number, onset, plan-of-care start and date of service', () => {
    const facts = findEpisodeFacts('DOS: 04/20/2026. Date of injury: 01/02/2026. POC dated 03/01/2026. Visit 12.');
    expect(facts.dateOfService?.value).toBe('2026-04-20');
    expect(facts.onsetDate?.value).toBe('2026-01-02');
    expect(facts.planOfCareStart?.value).toBe('2026-03-01');
    expect(facts.visitNumber?.value).toBe(12);
  });
  it('does not take a due or future evaluation as the plan start, nor the next visit as this one', () => {
    const facts = findEpisodeFacts('Re-eval on 04/15/2026. Next evaluation on 05/01/2026. Next visit 3 days.');
    expect(facts.planOfCareStart).toBeUndefined();
    expect(facts.visitNumber).toBeUndefined();
    expect(findEpisodeFacts('Follow-up evaluation on 05/01/2026.').planOfCareStart).toBeUndefined();
  });
});
