// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { createPopupClient } from '../../src/ui/client';
import { Popup } from '../../src/popup/Popup';
import { fakeBrowser, type FakeOptions } from './support/fake-browser';
import { HOSTILE_EVIDENCE, okState } from './support/fixtures';
import { unnamedControls } from './support/a11y';
import { useEnglishInEveryTest } from './support/english';

useEnglishInEveryTest();

async function renderPopup(options: FakeOptions, props: Partial<Parameters<typeof Popup>[0]> = {}) {
  const fake = fakeBrowser(options);
  render(<Popup client={createPopupClient(fake.api)} {...props} />);
  await screen.findByRole('heading', { level: 2, name: /^Findings/ });
  return fake;
}

const rows = () => [...document.querySelectorAll<HTMLElement>('li[data-rule]')];
const row = (ruleId: string) => document.querySelector<HTMLElement>(`li[data-rule="${ruleId}"]`) as HTMLElement;
const toggleOf = (ruleId: string) => row(ruleId).querySelector<HTMLButtonElement>('[data-row-toggle]') as HTMLButtonElement;

function expand(ruleId: string): HTMLElement {
  fireEvent.click(toggleOf(ruleId));
  return row(ruleId);
}

describe('popup: rows', () => {
  it('shows one collapsed row per rule, worst severity first, with its instance count, line and a short quote', async () => {
    await renderPopup({ tabState: okState() });
    expect(screen.getByRole('heading', { level: 2, name: 'Findings (5)' })).toBeTruthy();
    expect(rows().map((r) => `${r.dataset.severity}:${r.dataset.rule}`)).toEqual([
      'error:relaxation-wording',
      'warning:units-exceed-minutes',
      'warning:missing-gp',
      'info:maintenance-pattern',
    ]);
    const relax = toggleOf('relaxation-wording');
    expect(relax.getAttribute('aria-expanded')).toBe('false');
    expect(row('relaxation-wording').querySelector('.row__details')?.hasAttribute('hidden')).toBe(true);
    // Severity by shape and word (sr-only), never colour alone.
    expect(relax.querySelector('.severity-icon')?.textContent).toBe('✖');
    expect(relax.textContent).toContain('Error: ');
    expect(relax.querySelector('.row__count')?.textContent).toBe('×2');
    expect(relax.querySelector('.row__count')?.getAttribute('aria-label')).toBe('2 instances');
    expect(relax.querySelector('.row__claim')?.textContent).toBe('Line 97124-GP ×3');
    // The quote is short, one line, and inert text.
    const quote = relax.querySelector('.row__quote')?.textContent ?? '';
    expect(quote.startsWith('“Pt reports <script>')).toBe(true);
    expect(quote.length).toBeLessThanOrEqual(92);
    expect(relax.querySelector('script, b')).toBeNull();
    // A finding without evidence quotes its message; a line finding names the line.
    expect(toggleOf('missing-gp').querySelector('.row__claim')?.textContent).toBe('Line 97140 ×1');
    expect(toggleOf('missing-gp').querySelector('.row__quote')?.textContent).toBe('Line 1 has no GP modifier.');
  });

  it('filters by severity from the counts strip, which is one toolbar with one Tab stop', async () => {
    await renderPopup({ tabState: okState() });
    const strip = screen.getByRole('toolbar', { name: 'Filter findings by severity' });
    const buttons = within(strip).getAllByRole('button');
    expect(buttons.map((b) => b.textContent)).toEqual(['5 all', '✖2 errors', '▲2 warnings', 'ℹ1 info']);
    expect(buttons.map((b) => b.tabIndex)).toEqual([0, -1, -1, -1]);
    fireEvent.click(within(strip).getByRole('button', { name: /warnings/ }));
    expect(rows().map((r) => r.dataset.rule)).toEqual(['units-exceed-minutes', 'missing-gp']);
    expect(within(strip).getByRole('button', { name: /warnings/ }).getAttribute('aria-pressed')).toBe('true');
    // ←/→ move between the filter buttons.
    buttons[2]?.focus();
    fireEvent.keyDown(strip, { key: 'ArrowRight' });
    expect(document.activeElement).toBe(buttons[3]);
    fireEvent.click(buttons[0] as HTMLElement);
    expect(rows()).toHaveLength(4);
  });

  it('is one Tab stop for the whole list: ↑/↓/Home/End move between rows', async () => {
    await renderPopup({ tabState: okState() });
    const toggles = rows().map((r) => r.querySelector<HTMLButtonElement>('[data-row-toggle]') as HTMLButtonElement);
    expect(toggles.map((t) => t.tabIndex)).toEqual([0, -1, -1, -1]);
    toggles[0]?.focus();
    fireEvent.keyDown(toggles[0] as HTMLElement, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(toggles[1]);
    await waitFor(() => expect(toggles.map((t) => t.tabIndex)).toEqual([-1, 0, -1, -1]));
    fireEvent.keyDown(toggles[1] as HTMLElement, { key: 'End' });
    expect(document.activeElement).toBe(toggles[3]);
    fireEvent.keyDown(toggles[3] as HTMLElement, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(toggles[3]);
    fireEvent.keyDown(toggles[3] as HTMLElement, { key: 'Home' });
    expect(document.activeElement).toBe(toggles[0]);
    fireEvent.keyDown(toggles[0] as HTMLElement, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(toggles[0]);
  });

  it('J on a row shows its first evidence in the page; claim-line findings jump too', async () => {
    const fake = await renderPopup({ tabState: okState() });
    fireEvent.keyDown(toggleOf('relaxation-wording'), { key: 'j' });
    fireEvent.keyDown(toggleOf('missing-gp'), { key: 'J' });
    // No evidence and no line: nothing to jump to.
    fireEvent.keyDown(toggleOf('units-exceed-minutes'), { key: 'j' });
    await waitFor(() => expect(fake.ofType('ui:show-in-note')).toHaveLength(2));
    expect(fake.ofType('ui:show-in-note').map((m) => m.findingKey)).toEqual(['k-relax', 'k-gp']);
    expect(toggleOf('relaxation-wording').getAttribute('aria-keyshortcuts')).toBe('J');
  });
});

describe('popup: an expanded row', () => {
  it('shows each instance, why, the fix, the sources (safe links only) and the profile', async () => {
    await renderPopup({ tabState: okState() });
    const relax = expand('relaxation-wording');
    expect(toggleOf('relaxation-wording').getAttribute('aria-expanded')).toBe('true');
    const instances = [...relax.querySelectorAll<HTMLElement>('[data-finding-key]')];
    expect(instances.map((i) => i.dataset.findingKey)).toEqual(['k-relax', 'k-relax2']);
    // Page text stays text: the evidence with HTML in it is one <mark> with no elements inside.
    const mark = instances[0]?.querySelector('blockquote mark');
    expect(mark?.textContent).toBe(HOSTILE_EVIDENCE);
    expect(mark?.children).toHaveLength(0);
    expect(document.querySelector('script, b')).toBeNull();
    expect(instances[0]?.textContent).toContain('Line 97124-GP ×3 · The note gives relaxation as the reason for 97124.');
    expect(within(relax).getByText('Why it matters').nextElementSibling?.textContent).toBe(
      'Payers deny 97124 when the documented purpose is relaxation or comfort.',
    );
    expect(within(relax).getByText('How to fix').nextElementSibling?.textContent).toBe(
      'Document the functional limitation and the measurable goal. Name the functional goal the massage serves.',
    );
    // Sources once per rule, however many instances cite them.
    const links = within(relax).getAllByRole('link');
    expect(links).toHaveLength(1);
    expect(links[0]?.getAttribute('href')).toBe('https://www.cms.gov/manual-ch15');
    expect(links[0]?.getAttribute('rel')).toBe('noopener noreferrer');
    expect(relax.textContent).toContain('Unsafe link');
    expect(relax.textContent).toContain('Raised under the Aetna profile');
  });

  it('quotes the evidence inside its sentence, marked', async () => {
    const state = structuredClone(okState());
    const finding = state.result!.findings[0]!;
    const sentence = `Plan: <i>continue</i> ${HOSTILE_EVIDENCE} weekly.`;
    const at = sentence.indexOf(HOSTILE_EVIDENCE);
    finding.evidence = { ...finding.evidence!, start: 10 + at, end: 10 + at + HOSTILE_EVIDENCE.length, context: { start: 10, text: sentence } };
    await renderPopup({ tabState: state });
    const quote = expand('relaxation-wording').querySelector('blockquote') as HTMLElement;
    expect(quote.textContent).toBe(sentence);
    expect(quote.querySelector('mark')?.textContent).toBe(HOSTILE_EVIDENCE);
    expect(quote.querySelectorAll('mark, script, i, b')).toHaveLength(1);
  });

  it('"Show in note" (evidence) and "Show in page" (a claim line) send the finding key', async () => {
    const fake = await renderPopup({ tabState: okState() });
    expect(within(expand('units-exceed-minutes')).queryByRole('button', { name: 'Show in note' })).toBeNull();
    fireEvent.click(within(expand('missing-gp')).getByRole('button', { name: 'Show in page' }));
    fireEvent.click(within(expand('maintenance-pattern')).getByRole('button', { name: 'Show in note' }));
    await waitFor(() => expect(fake.ofType('ui:show-in-note')).toHaveLength(2));
    expect(fake.ofType('ui:show-in-note')).toEqual([
      { type: 'ui:show-in-note', tabId: 7, findingKey: 'k-gp' },
      { type: 'ui:show-in-note', tabId: 7, findingKey: 'k-maint' },
    ]);
    expect(fake.invalid).toEqual([]);
  });

  it('explains why the background would not highlight', async () => {
    const fake = await renderPopup({ tabState: okState() });
    fake.api.runtime.sendMessage.mockResolvedValueOnce({ ok: false, error: 'highlight-disabled' });
    fireEvent.click(within(expand('maintenance-pattern')).getByRole('button', { name: 'Show in note' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Highlighting in the page is turned off in Options.');
  });

  it('has an extension point for more about an instance, and shows nothing without it', async () => {
    await renderPopup({ tabState: okState() }, { explain: (finding) => <p class="explain-probe">{`read for ${finding.ruleId}`}</p> });
    expect(expand('missing-gp').querySelector('.explain-probe')?.textContent).toBe('read for missing-gp');
  });

  it('says "No problems found" when nothing is open', async () => {
    const state = okState();
    const fake = fakeBrowser({ tabState: okState({ result: { ...state.result!, findings: [] }, findingKeys: [] }) });
    render(<Popup client={createPopupClient(fake.api)} />);
    expect(await screen.findByRole('heading', { name: 'No problems found' })).toBeTruthy();
    expect(rows()).toEqual([]);
    expect(screen.queryByRole('toolbar')).toBeNull();
  });
});

describe('popup: dismissing one instance', () => {
  it('requires a reason from the list, sends only the category, and offers Undo', async () => {
    const fake = await renderPopup({ tabState: okState() });
    const units = expand('units-exceed-minutes');
    const open = within(units).getByRole('button', { name: 'Dismiss…' });
    fireEvent.click(open);
    expect(open.getAttribute('aria-expanded')).toBe('true');
    const reason = within(units).getByLabelText('Reason') as HTMLSelectElement;
    expect(document.activeElement).toBe(reason);
    // No free-text note: text typed beside a chart may be PHI.
    expect(within(units).queryByRole('textbox')).toBeNull();
    expect(units.textContent).toContain('Nothing from the note.');

    fireEvent.click(within(units).getByRole('button', { name: 'Dismiss finding' }));
    expect(within(units).getByText('Choose a reason to dismiss this finding.')).toBeTruthy();
    expect(fake.ofType('ui:dismiss')).toHaveLength(0);

    fake.setTabState(okState({ dismissed: [{ findingKey: 'k-units', ruleId: 'units-exceed-minutes', reason: 'payer-exception', at: Date.UTC(2026, 10, 27, 14, 5) }] }));
    fireEvent.change(reason, { target: { value: 'payer-exception' } });
    fireEvent.click(within(units).getByRole('button', { name: 'Dismiss finding' }));
    await waitFor(() => expect(fake.ofType('ui:dismiss')).toHaveLength(1));
    expect(fake.ofType('ui:dismiss')[0]).toEqual({ type: 'ui:dismiss', tabId: 7, findingKey: 'k-units', ruleId: 'units-exceed-minutes', reason: 'payer-exception' });

    await waitFor(() => expect(screen.getByRole('heading', { level: 2, name: 'Findings (4)' })).toBeTruthy());
    expect(row('units-exceed-minutes')).toBeNull();
    const dismissed = screen.getByText('Dismissed (1)').closest('details') as HTMLElement;
    expect(dismissed.textContent).toContain('Billed units exceed documented minutes');
    expect(dismissed.textContent).toContain('Payer exception, at');
    // Undo is offered at once, and has the focus (the Dismiss button is gone).
    const undo = await screen.findByRole('button', { name: 'Undo' });
    expect(screen.getByRole('status').textContent).toContain('Finding dismissed.');
    await waitFor(() => expect(document.activeElement).toBe(undo));
    fake.setTabState(okState());
    fireEvent.click(undo);
    await waitFor(() => expect(fake.ofType('ui:undismiss')).toEqual([{ type: 'ui:undismiss', tabId: 7, findingKey: 'k-units' }]));
    await waitFor(() => expect(screen.getByRole('heading', { level: 2, name: 'Findings (5)' })).toBeTruthy());
    expect(fake.invalid).toEqual([]);
  });

  it('undo from the Dismissed list restores the finding', async () => {
    const fake = await renderPopup({ tabState: okState({ dismissed: [{ findingKey: 'k-gp', ruleId: 'missing-gp', reason: 'false-positive', at: 0 }] }) });
    expect(screen.getByRole('heading', { level: 2, name: 'Findings (4)' })).toBeTruthy();
    fake.setTabState(okState());
    fireEvent.click(screen.getByRole('button', { name: 'Undo dismissal: GP modifier missing' }));
    await waitFor(() => expect(fake.ofType('ui:undismiss')).toEqual([{ type: 'ui:undismiss', tabId: 7, findingKey: 'k-gp' }]));
    await waitFor(() => expect(screen.getByRole('heading', { level: 2, name: 'Findings (5)' })).toBeTruthy());
  });

  it('Escape closes the form without sending and returns focus to the Dismiss button', async () => {
    const fake = await renderPopup({ tabState: okState() });
    const article = expand('maintenance-pattern');
    const open = within(article).getByRole('button', { name: 'Dismiss…' });
    fireEvent.click(open);
    fireEvent.keyDown(within(article).getByLabelText('Reason'), { key: 'Escape' });
    await waitFor(() => expect(within(article).queryByLabelText('Reason')).toBeNull());
    expect(document.activeElement).toBe(open);
    expect(fake.ofType('ui:dismiss')).toHaveLength(0);
    fireEvent.click(open);
    fireEvent.click(within(article).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(within(article).queryByLabelText('Reason')).toBeNull());
  });

  it('obeys the policy lock and says why and whom to ask', async () => {
    await renderPopup({
      tabState: okState({
        locked: ['dismissals'],
        lockInfo: { reason: 'Compliance reviews every flag.', contact: 'compliance@example.org', reasons: { dismissals: 'Every dismissal is reviewed.' } },
      }),
    });
    const article = expand('maintenance-pattern');
    const open = within(article).getByRole('button', { name: 'Dismiss…' }) as HTMLButtonElement;
    expect(open.disabled).toBe(true);
    const note = document.getElementById(open.getAttribute('aria-describedby') ?? '') as HTMLElement;
    expect(note.textContent).toBe('Set by your organisation: Every dismissal is reviewed. Questions: compliance@example.org');
    expect(within(note).getByRole('link').getAttribute('href')).toBe('mailto:compliance@example.org');
  });

  it('keeps the findings and shows an alert when an action fails', async () => {
    const fake = await renderPopup({ tabState: okState() });
    fake.api.runtime.sendMessage.mockRejectedValueOnce(new Error('worker restarted'));
    const article = expand('maintenance-pattern');
    fireEvent.click(within(article).getByRole('button', { name: 'Dismiss…' }));
    fireEvent.change(within(article).getByLabelText('Reason'), { target: { value: 'not-applicable' } });
    fireEvent.click(within(article).getByRole('button', { name: 'Dismiss finding' }));
    expect((await screen.findByRole('alert')).textContent).toBe("That didn't work: worker restarted");
    expect(screen.getByRole('heading', { level: 2, name: 'Findings (5)' })).toBeTruthy();
  });
});

describe('popup: turning a rule off for this payer or site', () => {
  it('is a WAI-ARIA menu: arrows move focus without acting, Enter chooses, then Undo', async () => {
    const fake = await renderPopup({ tabState: okState() });
    const article = expand('missing-gp');
    const trigger = within(article).getByRole('button', { name: 'Turn rule off… GP modifier missing' });
    expect(trigger.getAttribute('aria-haspopup')).toBe('menu');
    fireEvent.keyDown(trigger, { key: 'ArrowDown' });
    const menu = await within(article).findByRole('menu');
    const items = within(menu).getAllByRole('menuitem');
    expect(items.map((i) => i.textContent)).toEqual(['Turn off for Aetna claims', 'Turn off on ehr.example.test']);
    await waitFor(() => expect(document.activeElement).toBe(items[0]));
    fireEvent.keyDown(menu, { key: 'ArrowDown' });
    await waitFor(() => expect(document.activeElement).toBe(items[1]));
    fireEvent.keyDown(menu, { key: 'ArrowDown' });
    await waitFor(() => expect(document.activeElement).toBe(items[0]));
    expect(fake.ofType('ui:rule-scope')).toHaveLength(0);
    fireEvent.keyDown(menu, { key: 'Escape' });
    expect(within(article).queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(trigger);

    const rules = { ...okState().rules, 'missing-gp': { title: 'GP modifier missing', rationale: 'Medicare needs GP.', howToFix: 'Add GP.' } };
    fake.setTabState(okState({ scopedOff: [{ ruleId: 'missing-gp', scope: 'site' }], rules }));
    fireEvent.keyDown(trigger, { key: 'ArrowUp' });
    const last = within(await within(article).findByRole('menu')).getAllByRole('menuitem')[1] as HTMLElement;
    await waitFor(() => expect(document.activeElement).toBe(last));
    fireEvent.keyDown(last, { key: 'Enter' });
    await waitFor(() => expect(fake.ofType('ui:rule-scope')).toHaveLength(1));
    expect(fake.ofType('ui:rule-scope')[0]).toEqual({ type: 'ui:rule-scope', tabId: 7, ruleId: 'missing-gp', scope: 'site', off: true });
    expect((await screen.findByRole('status')).textContent).toContain('Turned off: GP modifier missing on ehr.example.test.');
    // Listed as off here, with a way back.
    const off = screen.getByText('Turned off here (1)').closest('details') as HTMLElement;
    fake.setTabState(okState());
    fireEvent.click(within(off).getByRole('button', { name: 'Turn back on: GP modifier missing on ehr.example.test' }));
    await waitFor(() => expect(fake.ofType('ui:rule-scope')).toHaveLength(2));
    expect(fake.ofType('ui:rule-scope')[1]).toMatchObject({ ruleId: 'missing-gp', scope: 'site', off: false });
    expect(fake.invalid).toEqual([]);
  });

  it('is disabled, with the reason, when the policy locks the rule', async () => {
    await renderPopup({ tabState: okState({ locked: ['ruleLevels.missing-gp'], lockInfo: { reasons: { ruleLevels: 'Rule levels come from compliance.' } } }) });
    const trigger = within(expand('missing-gp')).getByRole('button', { name: /^Turn rule off/ }) as HTMLButtonElement;
    expect(trigger.disabled).toBe(true);
    expect(document.getElementById(trigger.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      'Set by your organisation: Rule levels come from compliance.',
    );
    expect((within(expand('maintenance-pattern')).getByRole('button', { name: /^Turn rule off/ }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('is not offered for a cross-visit rule (the worker turns those off by level only): the row says where instead', async () => {
    const base = okState();
    const rules = { ...base.rules, 'maintenance-pattern': { title: 'Maintenance pattern', rationale: 'r', howToFix: 'f', acrossVisits: true } };
    await renderPopup({ tabState: okState({ rules }) });
    const across = expand('maintenance-pattern');
    expect(within(across).queryByRole('button', { name: /^Turn rule off/ })).toBeNull();
    expect(across.textContent).toContain('This rule compares visits. Set its level, or turn it off, on the options page.');
    expect(within(expand('missing-gp')).getByRole('button', { name: /^Turn rule off/ })).toBeTruthy();
  });
});

describe('popup: "open in Claim Guard" from the page', () => {
  it('expands and focuses the finding the page asked for', async () => {
    await renderPopup({ tabState: okState({ focus: { findingKey: 'k-maint', at: Date.now() } }) });
    await waitFor(() => expect(toggleOf('maintenance-pattern').getAttribute('aria-expanded')).toBe('true'));
    await waitFor(() => expect(document.activeElement).toBe(toggleOf('maintenance-pattern')));
  });

  it('ignores an old request', async () => {
    await renderPopup({ tabState: okState({ focus: { findingKey: 'k-maint', at: Date.now() - 10 * 60_000 } }) });
    expect(toggleOf('maintenance-pattern').getAttribute('aria-expanded')).toBe('false');
  });
});

describe('popup: accessibility', () => {
  it('names every control and keeps one h1 with headings in order', async () => {
    await renderPopup({ tabState: okState({ dismissed: [{ findingKey: 'k-gp', ruleId: 'missing-gp', reason: 'other', at: 0 }], scopedOff: [{ ruleId: 'units-exceed-minutes', scope: 'profile' }] }) });
    fireEvent.click(within(expand('maintenance-pattern')).getByRole('button', { name: 'Dismiss…' }));
    expand('relaxation-wording');
    const controls = [...document.querySelectorAll<HTMLElement>('button, select, input, textarea, a[href], summary')];
    expect(controls.length).toBeGreaterThan(10);
    expect(unnamedControls(document)).toEqual([]);
    const levels = [...document.querySelectorAll('h1, h2, h3, h4')].map((h) => Number(h.tagName[1]));
    expect(levels.filter((level) => level === 1)).toHaveLength(1);
    levels.forEach((level, i) => expect(level - (levels[i - 1] ?? 0)).toBeLessThanOrEqual(1));
  });
});

describe('popup: what the engine read, and findings with one root cause', () => {
  it('shows what Claim Guard read behind a rule, as text, in the expanded row', async () => {
    const state = structuredClone(okState());
    state.result!.explanations = {
      'units-exceed-minutes': [{ title: 'Minutes per code', lines: ['97124: 12 min from the note (minutes)', '<img src=x onerror=alert(1)>'] }],
    };
    await renderPopup({ tabState: state });
    const expanded = expand('units-exceed-minutes');
    const details = within(expanded).getByText('What Claim Guard read').closest('details') as HTMLElement;
    expect(within(details).getByText('Minutes per code')).toBeTruthy();
    expect(within(details).getByText('97124: 12 min from the note (minutes)')).toBeTruthy();
    // Page-derived text stays text.
    expect(details.querySelector('img')).toBeNull();
    expect(within(details).getByText('<img src=x onerror=alert(1)>')).toBeTruthy();
  });

  it('shows a finding folded into another under its root, not as a row of its own', async () => {
    const state = structuredClone(okState());
    const root = state.result!.findings[1]!;
    root.related = [{ ruleId: 'modifier-59-support', title: 'Distinct-service modifier not supported', message: '59 on 97124 is not supported: no separate minutes' }];
    const folded = { ...structuredClone(state.result!.findings[1]!), ruleId: 'modifier-59-support', title: 'Distinct-service modifier not supported', message: '59 on 97124 is not supported: no separate minutes', relatedTo: { ruleId: root.ruleId } };
    state.result!.findings.push(folded);
    state.findingKeys.push('k-59');
    await renderPopup({ tabState: state });
    expect(row('modifier-59-support')).toBeNull();
    const expanded = expand(root.ruleId);
    expect(within(expanded).getByText('59 on 97124 is not supported: no separate minutes')).toBeTruthy();
  });
});
