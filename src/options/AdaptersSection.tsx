import { useId } from 'preact/hooks';
import { t } from '../ui/i18n';
import { LockNote } from '../ui/LockNote';
import { LOCK_KEYS } from '../ui/locks';
import type { AdapterCheck } from './adapter-json';
import type { JsonProblem } from './json-syntax';

const PROBLEM_KEYS: Record<JsonProblem, string> = {
  value: 'jsonExpectedValue',
  'property-name': 'jsonExpectedPropertyName',
  colon: 'jsonExpectedColon',
  'comma-or-object-end': 'jsonExpectedCommaOrObjectEnd',
  'comma-or-array-end': 'jsonExpectedCommaOrArrayEnd',
  'string-end': 'jsonUnterminatedString',
  escape: 'jsonBadEscape',
  number: 'jsonBadNumber',
  trailing: 'jsonTrailingText',
};

interface Props {
  text: string;
  check: AdapterCheck;
  locked: boolean;
  onInput(text: string): void;
}

function Problems({ id, check }: { id: string; check: AdapterCheck }) {
  if (check.state === 'syntax') {
    return (
      <div class="field__error" id={id}>
        <p>
          {check.problem !== null && check.line !== null && check.column !== null
            ? t('optionsAdaptersSyntaxAt', [check.line, check.column, t(PROBLEM_KEYS[check.problem])])
            : t('optionsAdaptersSyntax', check.message)}
        </p>
      </div>
    );
  }
  if (check.state === 'invalid') {
    return (
      <div class="field__error" id={id}>
        <p>{t('optionsAdaptersInvalid', check.errors.length)}</p>
        <ul class="adapter-errors">
          {check.errors.map((error, index) => (
            <li key={index}>
              {error.adapter === null ? error.message : t('optionsAdaptersErrorIn', [error.adapter, error.message])}
            </li>
          ))}
        </ul>
      </div>
    );
  }
  return (
    <p class="field__hint" id={id}>
      {check.state === 'valid' ? t('optionsAdaptersValid', check.configs.length) : t('optionsAdaptersEmpty')}
    </p>
  );
}

/** The text is the user's: it is never replaced or cleared because it doesn't validate. */
export function AdaptersSection({ text, check, locked, onInput }: Props) {
  const id = useId();
  const bad = check.state === 'syntax' || check.state === 'invalid';
  return (
    <section class="card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('optionsAdaptersHeading')}</h2>
      <p class="field__hint" id={`${id}-about`}>
        {t('optionsAdaptersHint')}
      </p>
      <div class="field">
        <label for={id}>{t('optionsAdaptersLabel')}</label>
        <textarea
          id={id}
          class="adapters__text"
          rows={12}
          spellcheck={false}
          autoComplete="off"
          value={text}
          disabled={locked}
          aria-invalid={bad ? 'true' : undefined}
          aria-describedby={`${id}-about ${id}-status${locked ? ` ${id}-lock` : ''}`}
          onInput={(event) => onInput(event.currentTarget.value)}
        />
        <Problems id={`${id}-status`} check={check} />
        {locked && <LockNote id={`${id}-lock`} lock={LOCK_KEYS.selectorAdapters} />}
      </div>
    </section>
  );
}
