// Folding before matching, with an offset map back to the text as typed.
import { describe, expect, it } from 'vitest';
import { check } from '../../../src/engine';
import { normalizeText } from '../../../src/engine/chart/normalize';

describe('normalizeText', () => {
  const rows: [string, string, string][] = [
    ['plain text is left alone', 'Massage 12 min', 'Massage 12 min'],
    ['zero-width characters and soft hyphens are dropped', 'Mas\u200bsage ther\u00adex\u2060', 'Massage therex'],
    ['odd spaces become spaces', 'a\u00a0b\u2009c\u202fd\u3000e', 'a b c d e'],
    ['dashes and the minus sign become hyphens', '8:05\u20138:20 \u2014 9\u221210', '8:05-8:20 - 9-10'],
    ['primes and curly quotes', '12\u2032 \u201cok\u201d it\u2019s', "12' \"ok\" it's"],
    ['Cyrillic look-alikes inside a Latin word', 'm\u0430ss\u0430ge \u0440etrissage', 'massage petrissage'],
    ['an all-Cyrillic word that is not made of look-alikes stays', '\u043c\u0430\u0441\u0441\u0430\u0436', '\u043c\u0430\u0441\u0441\u0430\u0436'],
    ['a word made only of look-alikes is folded', '\u0420\u0422', 'PT'],
    ['full-width ASCII', '\uff11\uff12 min', '12 min'],
    ['CRLF and lone CR become LF', 'a\r\nb\rc', 'a\nb\nc'],
  ];
  for (const [name, input, output] of rows) {
    it(name, () => expect(normalizeText(input).text).toBe(output));
  }

  it('maps every folded offset back to the original', () => {
    const original = 'x\u200bMas\u00adsage 1\u200b2 min';
    const n = normalizeText(original);
    expect(n.text).toBe('xMassage 12 min');
    const at = n.text.indexOf('Massage');
    expect(original.slice(n.toOriginal(at), n.toOriginal(at + 'Massage'.length - 1) + 1)).toBe('Mas\u00adsage');
    expect(n.fromOriginal(original.indexOf('min'))).toBe(n.text.indexOf('min'));
  });
});

describe('dictated punctuation', () => {
  const dictated = 'objective period tight left calf comma tender period new paragraph treatment colon massage twelve minutes period';
  it('spoken marks become marks when the note speaks several', () => {
    expect(normalizeText(dictated).text).toBe('objective. tight left calf, tender.\n\n treatment: massage twelve minutes.');
  });
  it('maps back to the spoken words', () => {
    const n = normalizeText(dictated);
    const at = n.text.indexOf('massage');
    expect(dictated.slice(n.toOriginal(at), n.toOriginal(at + 'massage'.length))).toBe('massage');
    expect(n.fromOriginal(dictated.indexOf('twelve'))).toBe(n.text.indexOf('twelve'));
  });
  it('a typed note that uses the words stays as it is', () => {
    const typed = 'Cert period 1/5-3/5. Rest period of 5 min, then massage with a comma-shaped stroke.';
    expect(normalizeText(typed).text).toBe(typed);
  });
  it('a dictated note is read like a typed one', () => {
    const note = 'subjective period neck pain six out of ten period new paragraph treatment period therapeutic massage fourteen minutes to right upper trapezius with kneading period therapeutic exercise twenty two minutes colon chin tucks comma rows period total timed minutes thirty six period';
    const result = check({ payer: 'Medicare', note, lines: [{ code: '97124', modifiers: ['GP'], units: 1 }, { code: '97110', modifiers: ['GP'], units: 1 }] });
    expect(result.units.minutesByCode).toEqual({ '97124': 14, '97110': 22 });
    expect(result.units.totalTimedMinutes).toBe(36);
  });
});

describe('evidence points at the text as typed', () => {
  it('a finding on folded text quotes the original characters and offsets', () => {
    const note = 'Therapeutic m\u0430ss\u0430ge for rel\u200baxation and stress relief, 15 min.';
    const result = check({ note, lines: [{ code: '97124', modifiers: ['GP'], units: 1 }] });
    const finding = result.findings.find((f) => f.ruleId === 'comfort-wording');
    expect(finding?.evidence).toBeDefined();
    const { start, end, text } = finding!.evidence!;
    expect(note.slice(start, end)).toBe(text);
    expect(text).toContain('rel\u200baxation');
  });
});
