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

async function renderPopup(options: FakeOptions) {
  const fake = fakeBrowser(options);
  render(<Popup client={createPopupClient(fake.api)} />);
  await screen.findByRole('heading', { level: 2, name: /^Findings/ });
  return fake;
}

function card(title: string): HTMLElement {
  return screen.getByRole('article', { name: title });
}

describe('popup: findings', () => {
  it('groups findings by severity, errors first, with counts', async () => {
    await renderPopup({ tabState: okState() });
    expect(screen.getByRole('heading', { level: 2, name: 'Findings (4)' })).toBeTruthy();
    const groups = [...document.querySelectorAll<HTMLElement>('section[data-severity]')];
    expect(groups.map((g) => g.dataset.severity)).toEqual(['error', 'warning', 'info']);
    expect(groups.map((g) => g.querySelector('h3')?.textContent?.trim())).toEqual([
      '✖ Errors (1)',
      '▲ Warnings (2)',
      'ℹ Information (1)',
    ]);
    expect(within(groups[1] as HTMLElement).getAllByRole('article').map((a) => a.querySelector('h4')?.textContent)).toEqual([
      'Billed units exceed documented minutes',
      'GP modifier missing',
    ]);
  });

  it('shows severity by word and shape, not colour alone', async () => {
    await renderPopup({ tabState: okState() });
    const badge = card('Massage documented for relaxation').querySelector('.severity-badge');
    expect(badge?.textContent).toBe('✖ Error');
    expect(card('Maintenance pattern').querySelector('.severity-badge')?.textContent).toBe('ℹ Info');
  });

  it('renders page text as text: evidence with HTML stays inert', async () => {
    await renderPopup({ tabState: okState() });
    const quote = card('Massage documented for relaxation').querySelector('blockquote');
    expect(quote?.textContent).toBe(HOSTILE_EVIDENCE);
    expect(quote?.children).toHaveLength(0);
    expect(document.querySelector('script')).toBeNull();
    expect(document.querySelector('b')).toBeNull();
  });

  it('quotes the evidence inside its sentence, marked, and keeps the sentence inert text', async () => {
    const state = structuredClone(okState()); // the fixtures' findings are shared objects
    const finding = state.result!.findings[0]!;
    const sentence = `Plan: <i>continue</i> ${HOSTILE_EVIDENCE} weekly.`;
    const at = sentence.indexOf(HOSTILE_EVIDENCE);
    finding.evidence = { ...finding.evidence!, start: 10 + at, end: 10 + at + HOSTILE_EVIDENCE.length, context: { start: 10, text: sentence } };
    await renderPopup({ tabState: state });
    const quote = card('Massage documented for relaxation').querySelector('blockquote')!;
    expect(quote.textContent).toBe(sentence);
    expect(quote.querySelector('mark')?.textContent).toBe(HOSTILE_EVIDENCE);
    expect(quote.querySelectorAll('mark, script, i, b')).toHaveLength(1);
  });

  it('falls back to the bare evidence when the context does not contain it', async () => {
    const state = structuredClone(okState()); // the fixtures' findings are shared objects
    const finding = state.result!.findings[0]!;
    finding.evidence = { ...finding.evidence!, context: { start: 0, text: 'an unrelated sentence' } };
    await renderPopup({ tabState: state });
    const quote = card('Massage documented for relaxation').querySelector('blockquote')!;
    expect(quote.textContent).toBe(HOSTILE_EVIDENCE);
    expect(quote.querySelector('mark')).toBeNull();
  });

  it('shows message, why it matters, how to fix, line, suggestion, profile and sources', async () => {
    await renderPopup({ tabState: okState() });
    const article = card('Massage documented for relaxation');
    const text = article.textContent ?? '';
    expect(text).toContain('The note gives relaxation as the reason for 97124.');
    expect(text).toContain('Claim line 1');
    expect(text).toContain('Suggestion: Name the functional goal the massage serves.');
    expect(within(article).getByText('Why it matters').nextElementSibling?.textContent).toBe(
      'Payers deny 97124 when the documented purpose is relaxation or comfort.',
    );
    expect(within(article).getByText('How to fix').nextElementSibling?.textContent).toBe(
      'Document the functional limitation and the measurable goal.',
    );
    expect(text).toContain('Raised under the Aetna profile');
    const link = within(article).getByRole('link', { name: /Medicare Benefit Policy Manual/ });
    expect(link.getAttribute('href')).toBe('https://www.cms.gov/manual-ch15');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    // A non-http URL is shown as plain text, never as a link.
    expect(within(article).getAllByRole('link')).toHaveLength(1);
    expect(text).toContain('Unsafe link');
    // A finding raised by another profile names that profile.
    expect(card('GP modifier missing').textContent).toContain('Raised under the Commercial (base) profile');
  });

  it('offers "Show in note" only when there is evidence, and sends the finding key', async () => {
    const fake = await renderPopup({ tabState: okState() });
    expect(within(card('Billed units exceed documented minutes')).queryByRole('button', { name: 'Show in note' })).toBeNull();
    fireEvent.click(within(card('Maintenance pattern')).getByRole('button', { name: 'Show in note' }));
    await waitFor(() => expect(fake.ofType('ui:show-in-note')).toHaveLength(1));
    expect(fake.ofType('ui:show-in-note')[0]).toEqual({ type: 'ui:show-in-note', tabId: 7, findingKey: 'k-maint' });
    expect(fake.invalid).toEqual([]);
  });

  it('explains why the background would not highlight', async () => {
    const fake = await renderPopup({ tabState: okState() });
    fake.api.runtime.sendMessage.mockResolvedValueOnce({ ok: false, error: 'highlight-disabled' });
    fireEvent.click(within(card('Maintenance pattern')).getByRole('button', { name: 'Show in note' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Highlighting in the page is turned off in Options.');
  });

  it('says "No problems found" when nothing is active', async () => {
    const state = okState();
    const fake = fakeBrowser({ tabState: okState({ result: { ...state.result!, findings: [] }, findingKeys: [] }) });
    render(<Popup client={createPopupClient(fake.api)} />);
    expect(await screen.findByRole('heading', { name: 'No problems found' })).toBeTruthy();
    expect(document.querySelector('section[data-severity]')).toBeNull();
  });
});

describe('popup: dismissing', () => {
  it('requires a reason, sends category and note, then moves the finding to Dismissed', async () => {
    const fake = await renderPopup({ tabState: okState() });
    const article = card('Billed units exceed documented minutes');
    const open = within(article).getByRole('button', { name: 'Dismiss…' });
    fireEvent.click(open);
    expect(open.getAttribute('aria-expanded')).toBe('true');
    const reason = within(article).getByLabelText('Reason') as HTMLSelectElement;
    expect(document.activeElement).toBe(reason);

    // No reason chosen: an error, nothing sent.
    fireEvent.click(within(article).getByRole('button', { name: 'Dismiss finding' }));
    expect(within(article).getByText('Choose a reason to dismiss this finding.')).toBeTruthy();
    expect(reason.getAttribute('aria-invalid')).toBe('true');
    expect(fake.ofType('ui:dismiss')).toHaveLength(0);

    fake.setTabState(
      okState({ dismissed: [{ findingKey: 'k-units', ruleId: 'units-exceed-minutes', reason: 'payer-exception: plan allows it', at: Date.UTC(2026, 10, 27, 14, 5) }] }),
    );
    fireEvent.change(reason, { target: { value: 'payer-exception' } });
    fireEvent.input(within(article).getByLabelText('Note (optional)'), { target: { value: '  plan   allows it ' } });
    fireEvent.click(within(article).getByRole('button', { name: 'Dismiss finding' }));

    await waitFor(() => expect(fake.ofType('ui:dismiss')).toHaveLength(1));
    expect(fake.ofType('ui:dismiss')[0]).toEqual({
      type: 'ui:dismiss',
      tabId: 7,
      findingKey: 'k-units',
      ruleId: 'units-exceed-minutes',
      reason: 'payer-exception: plan allows it',
    });
    expect(fake.invalid).toEqual([]);

    await waitFor(() => expect(screen.getByRole('heading', { level: 2, name: 'Findings (3)' })).toBeTruthy());
    expect(screen.queryByRole('article', { name: 'Billed units exceed documented minutes' })).toBeNull();
    expect(document.querySelector('section[data-severity="warning"] h3')?.textContent).toContain('Warnings (1)');
    const dismissed = screen.getByText('Dismissed (1)').closest('details') as HTMLElement;
    expect(dismissed.textContent).toContain('Billed units exceed documented minutes');
    expect(dismissed.textContent).toContain('Payer exception, at');
    expect(dismissed.textContent).toContain('plan allows it');
    // Focus lands on the findings heading, not on <body>.
    await waitFor(() => expect(document.activeElement?.id).toBe('findings-heading'));
    expect(screen.getByRole('status').textContent).toBe('Finding dismissed.');
  });

  it('undo sends ui:undismiss and restores the finding', async () => {
    const fake = await renderPopup({
      tabState: okState({ dismissed: [{ findingKey: 'k-gp', ruleId: 'missing-gp', reason: 'false-positive', at: 0 }] }),
    });
    expect(screen.getByRole('heading', { level: 2, name: 'Findings (3)' })).toBeTruthy();
    fake.setTabState(okState());
    fireEvent.click(screen.getByRole('button', { name: 'Undo dismissal: GP modifier missing' }));
    await waitFor(() => expect(fake.ofType('ui:undismiss')).toEqual([{ type: 'ui:undismiss', tabId: 7, findingKey: 'k-gp' }]));
    await waitFor(() => expect(screen.getByRole('heading', { level: 2, name: 'Findings (4)' })).toBeTruthy());
    expect(screen.queryByText(/^Dismissed \(/)).toBeNull();
  });

  it('titles a dismissal whose finding is gone from the rule meta', async () => {
    await renderPopup({
      tabState: okState({ dismissed: [{ findingKey: 'old', ruleId: 'relaxation-wording', reason: 'weird text', at: 0 }] }),
    });
    const dismissed = screen.getByText('Dismissed (1)').closest('details') as HTMLElement;
    expect(dismissed.textContent).toContain('Massage documented for relaxation');
    // An unknown category is kept as a note under "Other", never dropped.
    expect(dismissed.textContent).toContain('Other, at');
    expect(dismissed.textContent).toContain('weird text');
  });

  it('Escape closes the form without sending and returns focus to the Dismiss button', async () => {
    const fake = await renderPopup({ tabState: okState() });
    const article = card('Maintenance pattern');
    const open = within(article).getByRole('button', { name: 'Dismiss…' });
    fireEvent.click(open);
    const reason = within(article).getByLabelText('Reason');
    fireEvent.change(reason, { target: { value: 'other' } });
    fireEvent.keyDown(reason, { key: 'Escape' });
    await waitFor(() => expect(within(article).queryByRole('form')).toBeNull());
    expect(within(article).queryByLabelText('Reason')).toBeNull();
    expect(document.activeElement).toBe(open);
    expect(open.getAttribute('aria-expanded')).toBe('false');
    expect(fake.ofType('ui:dismiss')).toHaveLength(0);
  });

  it('Cancel also closes the form', async () => {
    await renderPopup({ tabState: okState() });
    const article = card('Maintenance pattern');
    fireEvent.click(within(article).getByRole('button', { name: 'Dismiss…' }));
    fireEvent.click(within(article).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(within(article).queryByLabelText('Reason')).toBeNull());
  });

  it('keeps the findings and shows an alert when an action fails', async () => {
    const fake = await renderPopup({ tabState: okState() });
    fake.api.runtime.sendMessage.mockRejectedValueOnce(new Error('worker restarted'));
    const article = card('Maintenance pattern');
    fireEvent.click(within(article).getByRole('button', { name: 'Dismiss…' }));
    fireEvent.change(within(article).getByLabelText('Reason'), { target: { value: 'not-applicable' } });
    fireEvent.click(within(article).getByRole('button', { name: 'Dismiss finding' }));
    expect((await screen.findByRole('alert')).textContent).toBe("That didn't work: worker restarted");
    expect(screen.getByRole('heading', { level: 2, name: 'Findings (4)' })).toBeTruthy();
  });
});

describe('popup: accessibility', () => {
  it('names every control and keeps one h1 with headings in order', async () => {
    await renderPopup({ tabState: okState({ dismissed: [{ findingKey: 'k-gp', ruleId: 'missing-gp', reason: 'other', at: 0 }] }) });
    fireEvent.click(within(card('Maintenance pattern')).getByRole('button', { name: 'Dismiss…' }));
    const controls = [...document.querySelectorAll<HTMLElement>('button, select, input, textarea, a[href], summary')];
    expect(controls.length).toBeGreaterThan(10);
    expect(unnamedControls(document)).toEqual([]);
    const levels = [...document.querySelectorAll('h1, h2, h3, h4')].map((h) => Number(h.tagName[1]));
    expect(levels.filter((level) => level === 1)).toHaveLength(1);
    // Never skip a level going down.
    levels.forEach((level, i) => expect(level - (levels[i - 1] ?? 0)).toBeLessThanOrEqual(1));
  });
});
