import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chooseProfile, listProfiles, namePatternMatch, resolveProfile } from '../../src/engine';
import { PayerProfileSchema, PROFILE_DATA, ROOT_PROFILE } from '../../src/engine/payers';

const files = readdirSync('src/engine/payers').filter((f) => f.endsWith('.json'));

describe('payer profile data', () => {
  it('lists every profile file, each valid and named after its id', () => {
    expect(PROFILE_DATA.map((p) => `${p.id}.json`).sort()).toEqual([...files].sort());
    for (const f of files) {
      const parsed = PayerProfileSchema.safeParse(JSON.parse(readFileSync(`src/engine/payers/${f}`, 'utf8')));
      expect(parsed.success, `${f}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
      expect(`${parsed.data!.id}.json`).toBe(f);
    }
  });

  it('has the profiles the product promises, each extending the base without cycles', () => {
    const ids = listProfiles().map((p) => p.id);
    for (const id of ['medicare', 'medicare-advantage', 'commercial', 'aetna', 'cigna', 'uhc', 'bcbs']) expect(ids).toContain(id);
    expect(ids).not.toContain(ROOT_PROFILE);
    for (const id of ids) {
      const p = resolveProfile(id)!;
      expect(p.chain[p.chain.length - 1]).toBe(ROOT_PROFILE);
      expect(new Set(p.chain).size).toBe(p.chain.length);
      expect(p.sources.length).toBeGreaterThan(0);
    }
  });

  it('resolves the extends chain: child wins, options merge key by key', () => {
    const aetna = resolveProfile('aetna')!;
    expect(aetna.chain).toEqual(['aetna', 'commercial', 'base']);
    expect(aetna.unitMethod).toBe('per-code');
    expect(aetna.rules['episode-duration']!.options).toEqual({ maxVisits: 3, maxDaysFromOnset: 14 });
    const ma = resolveProfile('medicare-advantage')!;
    expect(ma.unitMethod).toBe('cms');
    expect(ma.requires.disciplineModifier).toBe(true);
    expect(ma.rules['provider-eligibility']!.options.notPaid).toEqual(['LMT', 'DC', 'ATC']);
  });

  it('keeps Medicare from being "strictest": maintenance is at most a warning, per-code minutes optional', () => {
    const m = resolveProfile('medicare')!;
    expect(m.rules['maintenance-language']!.level).toBe('warning');
    expect(m.requires.perCodeMinutes).toBe(false);
    expect(m.requires.totalTimedMinutes).toBe(true);
    expect(resolveProfile('commercial')!.rules['maintenance-language']!.level).toBe('error');
  });
});

describe('chooseProfile', () => {
  const cases: [string | undefined, string, string][] = [
    ['medicare', 'medicare', 'payer-id'],
    ['Medicare Part B', 'medicare', 'payer-name'],
    ['NORIDIAN JF', 'medicare', 'payer-name'],
    ['Aetna Choice POS II', 'aetna', 'payer-name'],
    ['Aetna Medicare Advantage PPO', 'medicare-advantage', 'payer-name'],
    ['AARP Medicare Advantage from UnitedHealthcare', 'medicare-advantage', 'payer-name'],
    ['UnitedHealthcare Choice Plus', 'uhc', 'payer-name'],
    ['Anthem Blue Cross', 'bcbs', 'payer-name'],
    ['Cigna Open Access Plus', 'cigna', 'payer-name'],
    // A Medicare plan sold as a network plan type is Medicare Advantage, whatever the brand.
    ['Lakeshore Medicare Complete HMO', 'medicare-advantage', 'payer-name'],
    ['PPO — Medicare (Birchwood Health)', 'medicare-advantage', 'payer-name'],
    ['Harbor Medicare Dual Choice D-SNP', 'medicare-advantage', 'payer-name'],
    ['Anthem Blue Cross Medicare PPO', 'medicare-advantage', 'payer-name'],
    // … but not a Medicare supplement, a Medicare contractor, or an HMO without Medicare.
    ['Birchwood Medicare Supplement Plan G', 'medicare', 'payer-name'],
    ['Novitas Solutions Medicare Part B', 'medicare', 'payer-name'],
    ['Anthem Blue Cross HMO', 'bcbs', 'payer-name'],
    ['Acme Health Cooperative', 'commercial', 'default'],
    [undefined, 'commercial', 'default'],
    ['   ', 'commercial', 'default'],
  ];
  for (const [payer, id, by] of cases) {
    it(`${JSON.stringify(payer)} → ${id} (${by})`, () => {
      const choice = chooseProfile(payer);
      expect(choice.id).toBe(id);
      expect(choice.matchedBy).toBe(by);
    });
  }
  it('matches "a + b" patterns only when every phrase stands as whole words', () => {
    expect(namePatternMatch('medicare + hmo', ' lakeshore medicare complete hmo ')).toBe('medicare'.length + 'hmo'.length);
    expect(namePatternMatch('medicare + hmo', ' lakeshore medicare complete ')).toBe(0);
    expect(namePatternMatch('medicare + hmo', ' medicarehmo ')).toBe(0);
    expect(namePatternMatch('humana gold', ' humana gold plus hmo ')).toBe('humana gold'.length);
  });
  it('does not match a pattern inside another word ("pos" in "Posey")', () => {
    expect(chooseProfile('Posey County Health').id).toBe('commercial');
    expect(chooseProfile('Posey County Health').matchedBy).toBe('default');
  });
  it('honours a forced profile, an admin payer map and a default, ignoring unknown ids', () => {
    expect(chooseProfile('Aetna', { profile: 'medicare' })).toMatchObject({ id: 'medicare', matchedBy: 'option' });
    expect(chooseProfile('Acme Health', { payerMap: { acme: 'bcbs' } })).toMatchObject({ id: 'bcbs', matchedBy: 'payer-map' });
    expect(chooseProfile(undefined, { defaultProfile: 'cigna' })).toMatchObject({ id: 'cigna', matchedBy: 'default' });
    expect(chooseProfile('Aetna Open Choice', { profile: 'nonsense' })).toMatchObject({ id: 'aetna', matchedBy: 'payer-name' });
    expect(chooseProfile(undefined, { defaultProfile: 'base' }).id).toBe('commercial');
  });
});
