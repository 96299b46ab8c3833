// A clinic's name in capitals at the top of a note (no "&", no head word such as clinic or center) is a
// role, the organisation, not wording about the care. Invented letterheads, and top lines that describe
// the care and must stay wording.
import { describe, expect, it } from 'vitest';
import { analyzeChart } from '../../../src/engine/chart';

const body = 'Massage 97124 14 min L UT, petrissage, for guarding that limits reaching a high shelf.';
const comfortRoles = (top: string) => (analyzeChart(`${top}\n${body}`).mentions.comfort ?? []).map((m) => [m.text, m.role]);

describe('a letterhead in capitals at the top of a note', () => {
  it.each([
    ['alone on the first line', 'MERIDIAN WELLNESS'],
    ['with a phone number after a wide space', 'SUMMIT WELLNESS      Tel 555-0199'],
    ['with a tab before the next cell', 'SUMMIT WELLNESS\tVisit note'],
    ['with the address in brackets', 'SUMMIT WELLNESS (14 Elm Rd)'],
    ['with a full stop', 'SUMMIT WELLNESS.'],
    ['between asterisks', '** SUMMIT WELLNESS **'],
    ['before a slash and the note title', 'SUMMIT WELLNESS / VISIT NOTE'],
    ['under a short title line', 'Visit Note\nSUMMIT WELLNESS'],
    ['a comfort word first', 'TRANQUILITY RELAXATION WORKS'],
  ])('%s', (_name, top) => {
    const roles = comfortRoles(top);
    expect(roles.length).toBeGreaterThan(0);
    for (const [, role] of roles) expect(role).toBe(true);
  });

  it.each([
    ['a top line that names the service', 'RELAXATION MASSAGE'],
    ['comfort words only', 'STRESS RELIEF'],
    ['under a labelled field, not at the top', 'DOS: 03/02\nSUMMIT WELLNESS'],
    ['in title case under a title line (only capitals stand lower)', 'Visit Note\nStress Relief Focus'],
    ['three lines down', 'Visit Note\nPage 1\nPrinted copy\nSUMMIT WELLNESS'],
  ])('still wording: %s', (_name, top) => {
    const roles = comfortRoles(top);
    expect(roles.length).toBeGreaterThan(0);
    expect(roles.some(([, role]) => role === false)).toBe(true);
  });
});
