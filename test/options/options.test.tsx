// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { validateSelectorConfig } from '../../src/adapters/selector';
import type { Catalog } from '../../src/options/catalog';
import { OptionsPage } from '../../src/options/OptionsPage';
import { createOptionsClient } from '../../src/options/client';
import { fakeBrowser, type FakeOptions } from '../popup/support/fake-browser';
import { unnamedControls } from '../popup/support/a11y';
import { useEnglishInEveryTest } from '../popup/support/english';

useEnglishInEveryTest();

const catalog: Catalog = {
  rules: [
    { id: 'missing-gp', title: 'GP modifier missing', defaultSeverity: 'warning', acrossVisits: false },
    { id: 'relaxation-wording', title: 'Massage documented for relaxation', defaultSeverity: 'error', acrossVisits: false },
    { id: 'cloned-note', title: 'Note copied from an earlier visit', defaultSeverity: 'warning', acrossVisits: true },
  ],
  profiles: [
    { id: 'commercial', name: 'Commercial (base)' },
    { id: 'aetna', name: 'Aetna' },
    { id: 'medicare', name: 'Medicare' },
  ],
  builtInProfile: 'commercial',
};

const adapter = {
  name: 'Clinic EHR',
  urlPattern: 'https://ehr.example.test/*',
  noteSelectors: [{ selector: '#note', label: 'Note' }],
  claimRowSelector: 'table.claims tbody tr',
  columns: { code: 'td.code', units: 'td.units' },
};

const openPolicy = { locked: [], rejectedPolicy: [] };

async function renderOptions(options: FakeOptions = {}) {
  const fake = fakeBrowser({ policy: openPolicy, ...options });
  render(<OptionsPage client={createOptionsClient(fake.api)} catalog={catalog} validateAdapters={(json) => validateSelectorConfig(json)} />);
  await screen.findByRole('heading', { name: 'Rule levels' });
  return fake;
}

const adaptersBox = () => screen.getByLabelText('Adapters (JSON)') as HTMLTextAreaElement;
const save = () => fireEvent.click(screen.getByRole('button', { name: 'Save' }));
const levelSelect = (title: string) => screen.getByLabelText(`Level for ${title}`) as HTMLSelectElement;

describe('options: loading', () => {
  it('shows the stored settings, rules and profiles', async () => {
    await renderOptions({
      sync: { defaultProfile: 'medicare', ruleLevels: { 'missing-gp': 'off' }, highlightEnabled: false, selectorAdapters: [adapter] },
    });
    const profile = screen.getByLabelText('Profile when the page shows no payer') as HTMLSelectElement;
    expect(profile.value).toBe('medicare');
    expect(profile.options[0]?.textContent).toBe('Built-in default (Commercial (base))');
    expect(levelSelect('GP modifier missing').value).toBe('off');
    expect(levelSelect('Massage documented for relaxation').value).toBe('');
    expect([...levelSelect('GP modifier missing').options].map((o) => o.textContent)).toEqual([
      'Profile default',
      'Off',
      'Info',
      'Warning',
      'Error',
    ]);
    const row = document.querySelector('tr[data-rule="relaxation-wording"]') as HTMLElement;
    expect(row.textContent).toContain('built-in level: Error');
    expect((screen.getByRole('checkbox') as HTMLInputElement).checked).toBe(false);
    expect(JSON.parse(adaptersBox().value)).toEqual([adapter]);
    expect(screen.getByText('Valid: 1 adapter(s).')).toBeTruthy();
  });

  it('keeps an invalid stored adapter config visible with its problems', async () => {
    await renderOptions({ sync: { selectorAdapters: { name: 'Old', urlPattern: 'nope' } } });
    expect(JSON.parse(adaptersBox().value)).toEqual({ name: 'Old', urlPattern: 'nope' });
    expect(adaptersBox().getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText(/Fix these problems before the adapters can be saved/)).toBeTruthy();
  });
});

describe('options: saving', () => {
  it('lists the cross-visit rules in a group of their own and saves their level like any other', async () => {
    const fake = await renderOptions({});
    const group = document.querySelector('tbody[data-rule-group="across-visits"]') as HTMLElement;
    expect(group.querySelector('th[scope="rowgroup"]')?.textContent).toContain('Across visits');
    expect([...group.querySelectorAll('tr[data-rule]')].map((row) => row.getAttribute('data-rule'))).toEqual(['cloned-note']);
    expect(document.querySelector('tbody:not([data-rule-group]) tr[data-rule="cloned-note"]')).toBeNull();
    fireEvent.change(levelSelect('Note copied from an earlier visit'), { target: { value: 'off' } });
    save();
    await waitFor(() => expect(fake.api.storage.sync.set).toHaveBeenCalledTimes(1));
    expect(fake.api.storage.sync.set.mock.calls[0]?.[0]).toMatchObject({ ruleLevels: { 'cloned-note': 'off' } });
  });

  it('writes the documented sync keys', async () => {
    const fake = await renderOptions({ sync: { ruleLevels: { 'gone-rule': 'off' } } });
    fireEvent.change(screen.getByLabelText('Profile when the page shows no payer'), { target: { value: 'medicare' } });
    fireEvent.change(levelSelect('Massage documented for relaxation'), { target: { value: 'warning' } });
    fireEvent.click(screen.getByRole('checkbox'));
    fireEvent.input(adaptersBox(), { target: { value: JSON.stringify(adapter) } });
    expect(screen.getByText('Valid: 1 adapter(s).')).toBeTruthy();
    save();
    await waitFor(() => expect(fake.api.storage.sync.set).toHaveBeenCalledTimes(1));
    expect(fake.api.storage.sync.set).toHaveBeenCalledWith({
      defaultProfile: 'medicare',
      // Only rules that exist; a single object is stored as a list of one.
      ruleLevels: { 'relaxation-wording': 'warning' },
      highlightEnabled: false,
      selectorAdapters: [adapter],
    });
    expect((await screen.findByText('Settings saved.')).getAttribute('role')).toBe('status');
  });

  it('returns a rule to the profile default and clears adapters with an empty box', async () => {
    const fake = await renderOptions({ sync: { ruleLevels: { 'missing-gp': 'error' }, selectorAdapters: [adapter] } });
    fireEvent.change(levelSelect('GP modifier missing'), { target: { value: '' } });
    fireEvent.input(adaptersBox(), { target: { value: '   ' } });
    save();
    await waitFor(() => expect(fake.api.storage.sync.set).toHaveBeenCalledTimes(1));
    expect(fake.sync).toMatchObject({ ruleLevels: {}, selectorAdapters: null, defaultProfile: null, highlightEnabled: true });
  });

  it('bad JSON: says where, keeps the text, and saves everything else', async () => {
    const fake = await renderOptions({ sync: { selectorAdapters: [adapter] } });
    const typed = '[\n  {"name": "Clinic",\n   "urlPattern": }\n]';
    fireEvent.input(adaptersBox(), { target: { value: typed } });
    const error = screen.getByText('This is not valid JSON (line 3, column 18): a value was expected here (text in double quotes, a number, true, false, null, { or [).');
    expect(adaptersBox().getAttribute('aria-describedby')).toContain(error.closest('[id]')?.id);
    save();
    await screen.findByText(/Saved, except the custom adapters/);
    expect(adaptersBox().value).toBe(typed);
    const written = fake.api.storage.sync.set.mock.calls[0]?.[0] as Record<string, unknown>;
    expect(Object.keys(written).sort()).toEqual(['defaultProfile', 'highlightEnabled', 'ruleLevels']);
    expect(fake.sync.selectorAdapters).toEqual([adapter]);
  });

  it('bad selectors: lists each problem by adapter and does not save them', async () => {
    const fake = await renderOptions();
    const bad = [adapter, { ...adapter, name: 'Second', claimRowSelector: 'tr[[', urlPattern: 'ehr.example.test' }, { ...adapter }];
    const typed = JSON.stringify(bad, null, 2);
    fireEvent.input(adaptersBox(), { target: { value: typed } });
    const list = screen.getByText(/^Fix these problems before the adapters can be saved/).parentElement as HTMLElement;
    const problems = within(list).getAllByRole('listitem').map((li) => li.textContent ?? '');
    expect(problems.some((p) => p.startsWith('Adapter 2 — claimRowSelector') && p.includes('not a valid CSS selector'))).toBe(true);
    expect(problems.some((p) => p.startsWith('Adapter 2 — urlPattern'))).toBe(true);
    expect(problems).toContain('Adapter 3 — name: "Clinic EHR" is already used by adapter 1');
    save();
    await screen.findByText(/Saved, except the custom adapters/);
    expect(adaptersBox().value).toBe(typed);
    expect(fake.sync.selectorAdapters).toBeUndefined();
  });

  it('reports a failed write', async () => {
    const fake = await renderOptions();
    fake.api.storage.sync.set.mockRejectedValueOnce(new Error('QUOTA_BYTES_PER_ITEM quota exceeded'));
    save();
    expect((await screen.findByText(/^Couldn't save:/)).textContent).toBe("Couldn't save: QUOTA_BYTES_PER_ITEM quota exceeded");
  });
});

describe('options: policy', () => {
  const policy = {
    locked: ['highlightEnabled', 'profile', 'ruleLevels.missing-gp'],
    rejectedPolicy: [{ key: 'ruleLevels.nope', reason: 'unknown rule' }],
    values: { defaultProfile: 'aetna', ruleLevels: { 'missing-gp': 'off' as const }, highlightEnabled: true },
  };

  it('disables locked controls, shows what policy enforces, and never writes them', async () => {
    const fake = await renderOptions({ policy, sync: { defaultProfile: 'medicare', highlightEnabled: false } });
    const profile = screen.getByLabelText('Profile when the page shows no payer') as HTMLSelectElement;
    expect(profile.disabled).toBe(true);
    expect(profile.value).toBe('aetna');
    const gp = levelSelect('GP modifier missing');
    expect(gp.disabled).toBe(true);
    expect(gp.value).toBe('off');
    expect(within(gp.closest('tr') as HTMLElement).getByText('Set by your organisation')).toBeTruthy();
    expect(levelSelect('Massage documented for relaxation').disabled).toBe(false);
    const highlight = screen.getByRole('checkbox') as HTMLInputElement;
    expect(highlight.disabled).toBe(true);
    expect(highlight.checked).toBe(true);
    expect(screen.getAllByText('Set by your organisation')).toHaveLength(3);

    fireEvent.change(levelSelect('Massage documented for relaxation'), { target: { value: 'info' } });
    save();
    await waitFor(() => expect(fake.api.storage.sync.set).toHaveBeenCalledTimes(1));
    const written = fake.api.storage.sync.set.mock.calls[0]?.[0] as Record<string, unknown>;
    expect(written).not.toHaveProperty('defaultProfile');
    expect(written).not.toHaveProperty('highlightEnabled');
    expect(written.ruleLevels).toEqual({ 'relaxation-wording': 'info' });
  });

  it('disables every rule row when all rule levels are locked', async () => {
    const fake = await renderOptions({ policy: { locked: ['ruleLevels'], rejectedPolicy: [] } });
    expect(catalog.rules.every((rule) => levelSelect(rule.title).disabled)).toBe(true);
    save();
    await waitFor(() => expect(fake.api.storage.sync.set).toHaveBeenCalledTimes(1));
    expect(fake.api.storage.sync.set.mock.calls[0]?.[0]).not.toHaveProperty('ruleLevels');
  });

  it('lists rejected policy values', async () => {
    await renderOptions({ policy });
    const notice = screen.getByText("Your organisation's policy has invalid values that were ignored (1):").closest('.notice') as HTMLElement;
    expect(notice.textContent).toContain('ruleLevels.nope: unknown rule');
  });

  it('says when the policy could not be read', async () => {
    await renderOptions({ policy: undefined });
    expect(screen.getByText(/Couldn't read your organisation's policy/)).toBeTruthy();
  });
});

describe('options: allowed sites', () => {
  it('lists granted origins and adds one through permissions.request from the submit', async () => {
    const fake = await renderOptions({ origins: ['https://old-ehr.example.test/*'] });
    expect(screen.getByText('https://old-ehr.example.test')).toBeTruthy();
    fireEvent.input(screen.getByLabelText('Add a site'), { target: { value: 'ehr.example.test:8443/encounter' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add site' }));
    expect(fake.api.permissions.request).toHaveBeenCalledWith({ origins: ['https://ehr.example.test/*'] });
    expect(await screen.findByText('Added https://ehr.example.test.')).toBeTruthy();
    await screen.findByText('https://ehr.example.test');
    expect((screen.getByLabelText('Add a site') as HTMLInputElement).value).toBe('');
  });

  it('rejects an address it cannot turn into a site', async () => {
    const fake = await renderOptions();
    fireEvent.input(screen.getByLabelText('Add a site'), { target: { value: 'ftp://files.example.test' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add site' }));
    expect(screen.getByText(/Enter a web address that starts with https:\/\//)).toBeTruthy();
    expect(fake.api.permissions.request).not.toHaveBeenCalled();
  });

  it('says when the browser does not grant the site', async () => {
    await renderOptions({ granted: false });
    fireEvent.input(screen.getByLabelText('Add a site'), { target: { value: 'https://ehr.example.test' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add site' }));
    expect(await screen.findByText("https://ehr.example.test was not added: the browser didn't grant access.")).toBeTruthy();
  });

  it('removes a site, and explains when the browser keeps it', async () => {
    const fake = await renderOptions({ origins: ['https://a.example.test/*', 'https://b.example.test/*'] });
    fireEvent.click(screen.getByRole('button', { name: 'Remove https://a.example.test' }));
    expect(fake.api.permissions.remove).toHaveBeenCalledWith({ origins: ['https://a.example.test/*'] });
    expect(await screen.findByText('Removed https://a.example.test.')).toBeTruthy();
    await waitFor(() => expect(screen.queryByText('https://a.example.test')).toBeNull());

    fake.api.permissions.remove.mockResolvedValueOnce(false);
    fireEvent.click(screen.getByRole('button', { name: 'Remove https://b.example.test' }));
    expect(await screen.findByText(/https:\/\/b\.example\.test could not be removed/)).toBeTruthy();
  });

  it('locks the list when policy manages the sites', async () => {
    await renderOptions({ policy: { locked: ['allowedOrigins'], rejectedPolicy: [] }, origins: ['https://a.example.test/*'] });
    expect((screen.getByRole('button', { name: 'Remove https://a.example.test' }) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: 'Add site' }) as HTMLButtonElement).disabled).toBe(true);
  });
});

describe('options: accessibility', () => {
  it('names every control', async () => {
    await renderOptions({ origins: ['https://a.example.test/*'], policy: { locked: ['profile'], rejectedPolicy: [] } });
    const controls = [...document.querySelectorAll<HTMLElement>('button, select, input, textarea')];
    expect(controls.length).toBeGreaterThan(6);
    expect(unnamedControls(document)).toEqual([]);
  });
});

describe('options: locks explain themselves', () => {
  it('shows the policy\'s reason and contact with every lock, a per-lock reason where given', async () => {
    await renderOptions({
      policy: {
        locked: ['profile', 'highlightEnabled'],
        rejectedPolicy: [],
        values: { defaultProfile: 'aetna', highlightEnabled: true },
        lockInfo: { reason: 'Billing compliance sets these.', contact: 'Billing desk, ext. 4410', reasons: { highlightEnabled: 'Some EHR pages break with overlays.' } },
      },
    });
    const profile = screen.getByLabelText('Profile when the page shows no payer');
    const profileNote = (profile.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent).join(' | ');
    expect(profileNote).toContain('Set by your organisation: Billing compliance sets these. Questions: Billing desk, ext. 4410');
    const highlight = screen.getByRole('checkbox');
    const highlightNote = (highlight.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent).join(' | ');
    expect(highlightNote).toContain('Set by your organisation: Some EHR pages break with overlays. Questions: Billing desk, ext. 4410');
  });

  it('says once, above the table, when every rule level is locked', async () => {
    await renderOptions({ policy: { locked: ['ruleLevels'], rejectedPolicy: [], lockInfo: { reasons: { ruleLevels: 'Levels follow the payer audit plan.' } } } });
    const notes = screen.getAllByText(/^Set by your organisation/);
    expect(notes).toHaveLength(1);
    expect(notes[0]?.closest('p')?.textContent).toBe('Set by your organisation: Levels follow the payer audit plan.');
    for (const title of ['GP modifier missing', 'Massage documented for relaxation']) {
      const select = levelSelect(title);
      expect(select.disabled).toBe(true);
      expect(select.getAttribute('aria-describedby')).toBe(notes[0]?.closest('p')?.id);
    }
  });
});

describe('options: the dismissal log', () => {
  it('counts the dismissals and exports them as CSV for the compliance lead', async () => {
    const entries = [
      { ruleId: 'missing-gp', hash: '0a1b2c3d4e5f60', reason: 'payer-exception', at: Date.UTC(2026, 10, 27, 14, 5) },
      { ruleId: 'relaxation-wording', hash: 'ffee00', reason: 'false-positive', at: Date.UTC(2026, 10, 28, 9, 0) },
    ];
    const created: Blob[] = [];
    const clicked: string[] = [];
    URL.createObjectURL = (blob: Blob) => {
      created.push(blob);
      return 'blob:test';
    };
    URL.revokeObjectURL = () => undefined;
    const click = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    };
    try {
      await renderOptions({ audit: { entries } });
      expect(await screen.findByText('2 dismissals kept in this browser.')).toBeTruthy();
      fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
      expect(clicked[0]).toMatch(/^therapy-claim-guard-dismissals-\d{4}-\d{2}-\d{2}\.csv$/);
      const csv = await created[0]?.text();
      expect(csv).toBe(
        [
          '"dismissed_at_utc","rule_id","rule_title","finding_hash","reason"',
          '"2026-11-27T14:05:00.000Z","missing-gp","GP modifier missing","0a1b2c3d4e5f60","payer-exception"',
          '"2026-11-28T09:00:00.000Z","relaxation-wording","Massage documented for relaxation","ffee00","false-positive"',
          '',
        ].join('\r\n'),
      );
    } finally {
      HTMLAnchorElement.prototype.click = click;
    }
  });

  it('disables the export when the log is empty, and says so when it cannot be read', async () => {
    await renderOptions({ audit: { entries: [] } });
    expect(((await screen.findByRole('button', { name: 'Export CSV' })) as HTMLButtonElement).disabled).toBe(true);
    cleanup();
    await renderOptions({ audit: 'garbage' });
    expect(await screen.findByText('The dismissal log could not be read. Reload the page to try again.')).toBeTruthy();
  });
});

describe('options: rules turned off for a payer or a site', () => {
  it('lists them and turns one back on at once', async () => {
    const fake = await renderOptions({
      sync: { ruleScopes: { profiles: { aetna: ['missing-gp', 'relaxation-wording'] }, sites: { 'https://ehr.example.test': ['missing-gp'] } } },
    });
    const section = screen.getByRole('heading', { name: 'Rules turned off for a payer or a site' }).closest('section') as HTMLElement;
    expect(within(section).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'GP modifier missing for Aetna claimsTurn back on',
      'Massage documented for relaxation for Aetna claimsTurn back on',
      'GP modifier missing on https://ehr.example.testTurn back on',
    ]);
    fireEvent.click(within(section).getByRole('button', { name: 'Turn back on: GP modifier missing for Aetna claims' }));
    await waitFor(() => expect(fake.sync.ruleScopes).toEqual({ profiles: { aetna: ['relaxation-wording'] }, sites: { 'https://ehr.example.test': ['missing-gp'] } }));
    expect(await screen.findByText('Rule turned back on.')).toBeTruthy();
    expect(within(section).getAllByRole('listitem')).toHaveLength(2);
  });

  it('says when there is none, and ignores a malformed value', async () => {
    await renderOptions({ sync: { ruleScopes: 'nonsense' } });
    expect(screen.getByText('No rule is turned off for a payer or a site.')).toBeTruthy();
  });
});
