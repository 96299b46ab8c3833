// "Read from": what the worker took from the page as note, claim lines, payer, date, provider and
// episode facts (each with its confidence and why), the page's reading status (loading, changing,
// cut, duplicates), and two-click corrections: "This is not the note" on a part, "The note is here"
// (the user clicks the note in the page). Corrections are saved as this site's selector
// configuration (PHI-free) in the user's settings, where the options page shows them as the JSON an
// administrator puts in the policy.
// Kept small: the popup bundle has an 80 KB budget (class names and message keys are short).
import { useEffect, useState } from 'preact/hooks';
import type { ReadingView, VisitView } from '../shared/reading';
import { t } from '../ui/i18n';
import type { CorrectionAction, ReadingClient } from './reading-client';
import { refusalText } from './refusals';
import './styles/read-from.css';

/** Facts in the order shown; payer, date and provider are listed even when not found. */
const FACTS = ['payer', 'dateOfService', 'provider', 'visitNumber', 'planOfCareStart', 'totalTimedMinutes', 'onsetDate'] as const;

interface Row {
  name: string;
  value: string | null;
  why?: [number, string, string];
  part?: string;
}

function rows(visit: VisitView): { note: Row[]; lines: Row[]; facts: Row[] } {
  const why = (x: { confidence: number; where: string; reason: string }): [number, string, string] => [Math.round(x.confidence * 100), x.where, x.reason];
  return {
    note: visit.parts.map((p) => ({ name: p.label, value: p.preview, why: why(p), part: p.id })),
    lines: visit.lines.map((l) => ({
      name: l.code,
      value: [l.modifiers.join(' '), l.units === undefined ? '' : t('rfUnits', l.units), l.minutes === undefined ? '' : t('rfMinutes', l.minutes), l.dx.join(', ')].filter(Boolean).join(' · '),
      why: why(l),
    })),
    facts: FACTS.filter((f, i) => i < 3 || visit.facts[f]).map((f) => {
      const fact = visit.facts[f];
      return { name: t(`rfFact_${f}`), value: fact ? fact.value : null, ...(fact ? { why: why(fact) } : {}) };
    }),
  };
}

function List({ heading, items, empty, onNotNote }: { heading: string; items: Row[]; empty: string; onNotNote?: ((part: string) => void) | undefined }) {
  return (
    <>
      <h3 class="rf-h">{t(heading)}</h3>
      {items.length === 0 && <p class="rf-muted">{t(empty)}</p>}
      <ul class="rf-list">
        {items.map((row, i) => (
          <li key={i}>
            <b>{row.name}</b> {row.value ?? <span class="rf-muted">{t(empty)}</span>}
            {row.why && <span class="rf-muted rf-why">{t('rfWhy', row.why)}</span>}
            {row.part && onNotNote && (
              <button type="button" class="button button--small" onClick={() => onNotNote(row.part as string)}>
                {t('rfNotNote')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

export function ReadFrom({ tabId, client, refreshKey }: { tabId: number; client: ReadingClient; refreshKey: unknown }) {
  const [view, setView] = useState<ReadingView | null>(null);
  const [message, setMessage] = useState<[boolean, string] | null>(null);

  useEffect(() => {
    let live = true;
    void client.get(tabId).then((next) => live && setView(next));
    return () => {
      live = false;
    };
  }, [tabId, refreshKey]);

  const correct = (action: CorrectionAction, part?: string): void => {
    setMessage(null);
    client.correct(tabId, action, part).then(
      (outcome) => {
        if ('view' in outcome) {
          setView(outcome.view);
          setMessage([false, t(action === 'forget' ? 'rfForgotten' : 'rfSaved')]);
        } else if ('picking' in outcome) setMessage([false, t('rfPickNow')]);
        else setMessage([true, outcome.refused === 'no-evidence' ? t('rfCannotName') : refusalText(outcome.refused)]);
      },
      () => setMessage([true, t('rfFailed')]),
    );
  };

  if (view === null) return null;
  const { status, corrections } = view;
  // What a user must see with the details closed: the result may not be current or whole.
  const notices = [
    status.stale && t('rfStale'),
    status.loading && t('rfLoading'),
    status.cut.length > 0 && t('rfCut', status.cut.join(', ')),
    status.unresolved.length > 0 && t('rfUnresolved', status.unresolved.join(', ')),
  ].filter((x): x is string => x !== false);
  const notNote = corrections.locked ? undefined : (part: string) => correct('not-note', part);
  const count = view.visits.length;

  return (
    <section class="rf" aria-label={t('rfHeading')}>
      <h2 class="section-heading">{t('rfHeading')}</h2>
      {notices.map((text) => (
        <p key={text} class="rf-warn" role="status">
          {text}
        </p>
      ))}
      {!view.empty && view.visits.every((v) => v.lines.length === 0) && <p>{t('rfNoLinesChecked')}</p>}
      {status.duplicates > 0 && <p class="rf-muted">{t('rfDuplicates', status.duplicates)}</p>}
      {message && (
        <p class={message[0] ? 'notice notice--error' : 'rf-muted'} role={message[0] ? 'alert' : 'status'}>
          {message[1]}
        </p>
      )}
      <details>
        <summary>{view.empty ? t('rfNothing') : t('rfSummary', [status.framesUsed, status.frames])}</summary>
        {view.visits.map((visit, i) => {
          const r = rows(visit);
          return (
            <section key={visit.key} class="rf-visit">
              {count > 1 && <h3 class="rf-h">{t('rfEncounter', [i + 1, count, visit.label ?? ''])}</h3>}
              <List heading="rfNote" items={r.note} empty="rfNoNote" onNotNote={notNote} />
              <List heading="rfLines" items={r.lines} empty="rfNoLines" />
              <List heading="rfFacts" items={r.facts} empty="rfNotFound" />
            </section>
          );
        })}
      </details>
      {corrections.locked ? (
        <p class="rf-muted">{t('rfLocked')}</p>
      ) : (
        <p class="rf-act">
          <button type="button" class="button button--small" onClick={() => correct('pick-note')}>
            {t('rfPick')}
          </button>
          {corrections.configs.length > 0 && (
            <>
              <button type="button" class="button button--small button--link" onClick={() => correct('forget')}>
                {t('rfForget')}
              </button>
              <span class="rf-muted">{t('rfSavedCount', corrections.configs.length)}</span>
            </>
          )}
        </p>
      )}
    </section>
  );
}
