// @vitest-environment jsdom
// The options page under an organisation's policy: the allowed EHR sites it sets (with a grant
// for those the browser has not given access to), kill-switched rules, the payer mapping, and
// the lock notes. The popup's lock is covered in popup-policy.test.tsx.
import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { validateSelectorConfig } from '../../src/adapters/selector';
import type { Catalog } from '../../src/options/catalog';
import { OptionsPage } from '../../src/options/OptionsPage';
import { createOptionsClient } from '../../src/options/client';
import type { PolicyState } from '../../src/ui/policy-state';
import { fakeBrowser, type FakeOptions } from '../popup/support/fake-browser';
import { unnamedControls } from '../popup/support/a11y';
import { useEnglishInEveryTest } from '../popup/support/english';

useEnglishInEveryTest();

const catalog: Catalog = {
  rules: [
    { id: 'comfort-wording', title: 'Comfort wording', defaultSeverity: 'error', acrossVisits: false },
    { id: 'units-minutes', title: 'Units and minutes', defaultSeverity: 'error', acrossVisits: false },
  ],
  profiles: [
    { id: 'commercial', name: 'Commercial' },
    { id: 'medicare', name: 'Medicare Part B' },
  ],
  builtInProfile: 'commercial',
};

async function renderOptions(options: FakeOptions) {
  const fake = fakeBrowser(options);
  render(<OptionsPage client={createOptionsClient(fake.api)} catalog={catalog} validateAdapters={(json) => validateSelectorConfig(json)} />);
  await screen.findByRole('heading', { name: 'Rule levels' });
  return fake;
}

describe('options: allowed EHR sites set by policy', () => {
  it('lists the policy sites instead of the user list, with a grant for those not granted yet', async () => {
    const policy: PolicyState = {
      locked: ['allowedOrigins'],
      rejectedPolicy: [],
      values: {},
      sites: [
        { pattern: 'https://ehr.example.org/*', granted: true },
        { pattern: 'https://*.clinic.example/*', granted: false },
      ],
    };
    const fake = await renderOptions({ policy, origins: ['https://personal.example/*'] });
    const section = screen.getByRole('heading', { name: 'EHR sites set by your organisation' }).closest('section') as HTMLElement;
    expect(within(section).getByText('Set by your organisation')).toBeTruthy();
    expect(within(section).getByText('https://ehr.example.org').closest('li')?.textContent).toContain('Access granted');
    // The user's own list (and its add/remove controls) is not shown while a site policy applies.
    expect(screen.queryByText('https://personal.example')).toBeNull();
    expect(screen.queryByLabelText('Add a site')).toBeNull();

    fake.api.permissions.request.mockImplementationOnce(async () => {
      const second = policy.sites?.[1];
      if (second) second.granted = true;
      return true;
    });
    fireEvent.click(within(section).getByRole('button', { name: 'Grant access to https://*.clinic.example' }));
    expect(fake.api.permissions.request).toHaveBeenCalledWith({ origins: ['https://*.clinic.example/*'] });
    expect(await within(section).findByText('Access to https://*.clinic.example granted.')).toBeTruthy();
    await waitFor(() => expect(within(section).queryByRole('button', { name: /Grant access/ })).toBeNull());
    expect(fake.ofType('ui:get-policy').length).toBe(2);
  });

  it('says when the browser refuses the grant', async () => {
    await renderOptions({ granted: false, policy: { locked: ['allowedOrigins'], rejectedPolicy: [], sites: [{ pattern: 'https://ehr.example.org/*', granted: false }] } });
    fireEvent.click(screen.getByRole('button', { name: 'Grant access to https://ehr.example.org' }));
    expect(await screen.findByText("https://ehr.example.org: the browser didn't grant access.")).toBeTruthy();
  });
});

describe('options: rules, payer mapping and profile set by policy', () => {
  const policy: PolicyState = {
    locked: ['payerMap', 'profile', 'ruleLevels.comfort-wording'],
    rejectedPolicy: [{ key: 'highlightEnabled', reason: 'expected true or false, got text' }],
    values: { defaultProfile: 'medicare', disabledRules: ['comfort-wording'], payerMap: { 'Acme Health': 'medicare', 'Blue Plan': 'unknown-id' } },
  };

  it('shows a kill-switched rule as Off and locked, the mapping read-only, and the rejected value', async () => {
    await renderOptions({ policy, sync: { ruleLevels: { 'comfort-wording': 'error' } } });
    const comfort = screen.getByLabelText('Level for Comfort wording') as HTMLSelectElement;
    expect(comfort.value).toBe('off');
    expect(comfort.disabled).toBe(true);
    expect((screen.getByLabelText('Level for Units and minutes') as HTMLSelectElement).disabled).toBe(false);

    const map = screen.getByRole('heading', { name: 'Payer names mapped by your organisation' }).closest('section') as HTMLElement;
    const rows = within(map).getAllByRole('row').slice(1).map((row) => row.textContent);
    expect(rows).toEqual(['Acme HealthMedicare Part B', 'Blue Planunknown-id']);
    expect(within(map).queryByRole('textbox')).toBeNull();

    const profile = screen.getByLabelText('Profile when the page shows no payer') as HTMLSelectElement;
    expect(profile.value).toBe('medicare');
    expect(profile.disabled).toBe(true);
    expect(screen.getByText(/highlightEnabled/).closest('li')?.textContent).toBe('highlightEnabled: expected true or false, got text');
  });

  it('names every control', async () => {
    await renderOptions({ policy: { ...policy, sites: [{ pattern: 'https://ehr.example.org/*', granted: false }] } });
    expect(unnamedControls(document)).toEqual([]);
  });
});

describe('options: checking a policy file before deploying it', () => {
  it('lists the wrongly typed key Chrome would drop and the bad level the extension would ignore, per browser', async () => {
    await renderOptions({ policy: { locked: [], rejectedPolicy: [], values: {} } });
    const section = screen.getByRole('heading', { name: 'Check a policy file' }).closest('section') as HTMLElement;
    const check = within(section).getByRole('button', { name: 'Check' }) as HTMLButtonElement;
    expect(check.disabled).toBe(true);
    const policy = { ruleLevels: { 'units-minutes': 'warning', 'comfort-wording': 'severe' }, highlightEnabled: 'no' };
    fireEvent.input(within(section).getByLabelText('Policy JSON'), { target: { value: JSON.stringify({ '3rdparty': { extensions: { someid: policy } } }) } });
    fireEvent.click(check);
    const items = within(section).getAllByRole('listitem').map((item) => item.textContent);
    expect(items).toEqual([
      'highlightEnabled (Chrome, Edge): Chrome and Edge drop the whole key: expected true/false, got text',
      'ruleLevels.comfort-wording (all browsers): ignored by the extension: "severe" is not one of off, info, warning, error',
      'highlightEnabled (Firefox): ignored by the extension: expected true or false, got text',
    ]);
    fireEvent.input(within(section).getByLabelText('Policy JSON'), { target: { value: '{"ruleLevels": {"units-minutes": "error"}}' } });
    fireEvent.click(check);
    expect(within(section).getByRole('status').textContent).toBe('Every key will be applied, in every browser.');
    fireEvent.input(within(section).getByLabelText('Policy JSON'), { target: { value: '{"ruleLevels": ' } });
    fireEvent.click(check);
    expect(within(section).getByRole('status').textContent).toMatch(/^This policy cannot be read: not valid JSON/);
  });
});
