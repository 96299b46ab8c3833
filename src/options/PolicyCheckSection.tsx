import { useId, useMemo, useState } from 'preact/hooks';
import managedSchema from '../../manifest/managed_schema.json';
import type { ChromeSchema } from '../settings/chrome-schema';
import { checkPolicy, type PolicyBrowsers, type PolicyCheck } from '../settings/policy-check';
import { t } from '../ui/i18n';
import type { Catalog } from './catalog';

interface Props {
  catalog: Catalog;
}

const WHERE: Record<PolicyBrowsers, string> = {
  all: 'policyCheckWhereAll',
  chrome: 'policyCheckWhereChrome',
  firefox: 'policyCheckWhereFirefox',
};

/**
 * "Check a policy file" for IT: Chrome and Edge drop a wrongly typed key before the extension can
 * see it, so the notice of ignored values cannot list it. Here the file an admin is about to deploy
 * is checked the way each browser and the extension will treat it (src/settings/policy-check.ts).
 * Nothing typed here is stored or sent anywhere.
 */
export function PolicyCheckSection({ catalog }: Props) {
  const id = useId();
  const [text, setText] = useState('');
  const [result, setResult] = useState<PolicyCheck | null>(null);
  const known = useMemo(() => ({ rules: new Set(catalog.rules.map((r) => r.id)), profiles: new Set(catalog.profiles.map((p) => p.id)) }), [catalog]);

  // The schema file the browsers enforce, exactly as shipped.
  const run = () => setResult(checkPolicy(text, managedSchema as ChromeSchema, known));

  return (
    <section class="card policy-check" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('policyCheckHeading')}</h2>
      <p class="field__hint" id={`${id}-hint`}>
        {t('policyCheckHint')}
      </p>
      <label for={`${id}-text`}>{t('policyCheckLabel')}</label>
      <textarea
        id={`${id}-text`}
        class="policy-check__text"
        rows={8}
        spellcheck={false}
        aria-describedby={`${id}-hint`}
        value={text}
        onInput={(event) => {
          setText(event.currentTarget.value);
          setResult(null);
        }}
      />
      <div class="inline">
        <button type="button" class="button" disabled={text.trim() === ''} onClick={run}>
          {t('policyCheckButton')}
        </button>
      </div>
      <div role="status" class="policy-check__result">
        {result && !result.ok && <p class="field__error">{t('policyCheckUnreadable', result.error)}</p>}
        {result?.ok && result.problems.length === 0 && <p class="feedback feedback--ok">{t('policyCheckClean')}</p>}
        {result?.ok && result.problems.length > 0 && (
          <>
            <p>{t('policyCheckProblems', result.problems.length)}</p>
            <ul class="notice__list policy-check__list">
              {result.problems.map((problem, index) => (
                <li key={`${problem.key}-${index}`} data-browsers={problem.browsers}>
                  <code>{problem.key}</code> ({t(WHERE[problem.browsers])}): {problem.reason}
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </section>
  );
}
