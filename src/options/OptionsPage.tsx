import { useEffect, useMemo, useState } from 'preact/hooks';
import type { OptionsClient } from './client';
import { t } from '../ui/i18n';
import { isLocked, isRuleLocked, LOCK_KEYS } from '../ui/locks';
import type { PolicyState } from '../ui/policy-state';
import { LockInfoContext } from '../ui/LockNote';
import { RejectedPolicyNotice } from '../ui/RejectedPolicyNotice';
import type { Level as RuleLevel } from '../engine/types';
import type { RuleScopes, UserSettings } from '../settings';
import { adapterTextOf, checkAdapterText, type ValidateSelectorConfig } from './adapter-json';
import { AdaptersSection } from './AdaptersSection';
import { AuditSection } from './AuditSection';
import type { Catalog } from './catalog';
import { HighlightSection } from './HighlightSection';
import { PayerMapSection } from './PayerMapSection';
import { PolicyCheckSection } from './PolicyCheckSection';
import { PolicySitesSection } from './PolicySitesSection';
import { ProfileSection } from './ProfileSection';
import { RuleLevelsSection } from './RuleLevelsSection';
import { RuleScopesSection } from './RuleScopesSection';
import { SitesSection } from './SitesSection';

interface Props {
  client: OptionsClient;
  catalog: Catalog;
  validateAdapters: ValidateSelectorConfig;
}

type Status = { kind: 'ok' | 'warning' | 'error'; text: string } | null;

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function OptionsPage({ client, catalog, validateAdapters }: Props) {
  const [ready, setReady] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [policy, setPolicy] = useState<PolicyState | null>(null);
  const [origins, setOrigins] = useState<string[]>([]);
  const [defaultProfile, setDefaultProfile] = useState<string | null>(null);
  const [ruleLevels, setRuleLevels] = useState<Record<string, RuleLevel>>({});
  const [highlight, setHighlight] = useState(true);
  const [scopes, setScopes] = useState<RuleScopes>({ profiles: {}, sites: {} });
  const [adapterText, setAdapterText] = useState('');
  const [status, setStatus] = useState<Status>(null);
  const [saving, setSaving] = useState(false);

  const refreshOrigins = () => {
    client.grantedOrigins().then(setOrigins, (error: unknown) => setLoadError(describe(error)));
  };

  /** After a grant of a policy site the background's view of it changed. */
  const refreshPolicy = () => {
    client.getPolicy().then(setPolicy, (error: unknown) => setLoadError(describe(error)));
  };

  useEffect(() => {
    void (async () => {
      try {
        const [settings, policyState, granted] = await Promise.all([client.readSettings(), client.getPolicy(), client.grantedOrigins()]);
        setDefaultProfile(settings.defaultProfile);
        setRuleLevels(settings.ruleLevels);
        setHighlight(settings.highlightEnabled);
        setScopes(settings.ruleScopes);
        setAdapterText(adapterTextOf(settings.selectorAdapters));
        setPolicy(policyState);
        setOrigins(granted);
      } catch (error) {
        setLoadError(describe(error));
      } finally {
        setReady(true);
      }
    })();
  }, []);

  const locked = policy?.locked ?? [];
  const enforced = policy?.values;
  const profileLocked = isLocked(locked, LOCK_KEYS.profile);
  const highlightLocked = isLocked(locked, LOCK_KEYS.highlightEnabled);
  const adaptersLocked = isLocked(locked, LOCK_KEYS.selectorAdapters);
  const check = useMemo(() => checkAdapterText(adapterText, validateAdapters), [adapterText, validateAdapters]);

  // Locked controls show what policy enforces when the background says so.
  const shownProfile = profileLocked && enforced?.defaultProfile !== undefined ? enforced.defaultProfile : defaultProfile;
  // Rules the organisation switched off show as "Off" (and locked: their per-rule lock is set).
  const killed = Object.fromEntries((enforced?.disabledRules ?? []).map((rule): [string, RuleLevel] => [rule, 'off']));
  const shownLevels = { ...ruleLevels, ...(enforced?.ruleLevels ?? {}), ...killed };
  const shownHighlight = highlightLocked && enforced?.highlightEnabled !== undefined ? enforced.highlightEnabled : highlight;
  const builtInName = catalog.profiles.find((p) => p.id === catalog.builtInProfile)?.name ?? catalog.builtInProfile;

  /** Turning a rule back on is saved at once, like the popup's "Turn back on". */
  const turnOn = async (kind: keyof RuleScopes, scope: string, ruleId: string) => {
    const next: RuleScopes = { profiles: { ...scopes.profiles }, sites: { ...scopes.sites } };
    const left = (next[kind][scope] ?? []).filter((id) => id !== ruleId);
    if (left.length > 0) next[kind][scope] = left;
    else delete next[kind][scope];
    setStatus(null);
    try {
      await client.writeSettings({ ruleScopes: next });
      setScopes(next);
      setStatus({ kind: 'ok', text: t('optionsScopeTurnedOn') });
    } catch (error) {
      setStatus({ kind: 'error', text: t('optionsSaveFailed', describe(error)) });
    }
  };

  const save = async (event: Event) => {
    event.preventDefault();
    const known = new Set(catalog.rules.map((rule) => rule.id));
    const values: Partial<UserSettings> = {};
    if (!profileLocked) values.defaultProfile = defaultProfile;
    if (!isLocked(locked, LOCK_KEYS.ruleLevels)) {
      // Only rules that still exist; a locked rule's row can't change, so its stored value stays.
      values.ruleLevels = Object.fromEntries(Object.entries(ruleLevels).filter(([id]) => known.has(id)));
    }
    if (!highlightLocked) values.highlightEnabled = highlight;
    const adaptersOk = check.state === 'valid' || check.state === 'empty';
    if (!adaptersLocked && adaptersOk) values.selectorAdapters = check.state === 'valid' ? check.configs : null;

    setSaving(true);
    setStatus(null);
    try {
      await client.writeSettings(values);
      setStatus(
        adaptersOk || adaptersLocked
          ? { kind: 'ok', text: t('optionsSaved') }
          : { kind: 'warning', text: t('optionsSavedExceptAdapters') },
      );
    } catch (error) {
      setStatus({ kind: 'error', text: t('optionsSaveFailed', describe(error)) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <LockInfoContext.Provider value={policy?.lockInfo}>
      <main class="options">
        <h1>{t('optionsTitle')}</h1>
        <p class="options__intro">{t('optionsIntro')}</p>
        {!ready && <p class="loading">{t('loading')}</p>}
        {loadError !== null && (
          <p class="notice notice--error" role="alert">
            {t('optionsLoadFailed', loadError)}
          </p>
        )}
        {ready && policy === null && (
          <div class="notice notice--info" role="note">
            <p>{t('optionsPolicyUnknown')}</p>
          </div>
        )}
        {policy && <RejectedPolicyNotice rejected={policy.rejectedPolicy} />}
        {ready && (
          <>
            {policy?.sites ? (
              // A site policy replaces the user's list: the extension runs on its own only there.
              <PolicySitesSection client={client} sites={policy.sites} onChanged={refreshPolicy} />
            ) : (
              <SitesSection client={client} origins={origins} locked={isLocked(locked, LOCK_KEYS.allowedOrigins)} onChanged={refreshOrigins} />
            )}
            <form class="options__form" onSubmit={(event) => void save(event)} noValidate>
              <ProfileSection
                profiles={catalog.profiles}
                builtInName={builtInName}
                value={shownProfile}
                locked={profileLocked}
                onChange={setDefaultProfile}
              />
              {enforced?.payerMap && Object.keys(enforced.payerMap).length > 0 && (
                <PayerMapSection payerMap={enforced.payerMap} profiles={catalog.profiles} />
              )}
              <RuleLevelsSection
                allLocked={isLocked(locked, LOCK_KEYS.ruleLevels)}
                rules={catalog.rules}
                levels={shownLevels}
                isLocked={(ruleId) => isRuleLocked(locked, ruleId)}
                onChange={(ruleId, level) => {
                  setRuleLevels((current) => {
                    const next = { ...current };
                    if (level === null) delete next[ruleId];
                    else next[ruleId] = level;
                    return next;
                  });
                }}
              />
              <RuleScopesSection scopes={scopes} rules={catalog.rules} profiles={catalog.profiles} onTurnOn={(kind, scope, ruleId) => void turnOn(kind, scope, ruleId)} />
            <HighlightSection value={shownHighlight} locked={highlightLocked} onChange={setHighlight} />
              <AdaptersSection text={adapterText} check={check} locked={adaptersLocked} onInput={setAdapterText} />
              <div class="savebar">
                <button type="submit" class="button button--primary" disabled={saving}>
                  {t('optionsSave')}
                </button>
                <p class={status ? `feedback feedback--${status.kind}` : 'feedback'} role="status">
                  {status?.text ?? ''}
                </p>
              </div>
            </form>
            <AuditSection client={client} rules={catalog.rules} />
            <PolicyCheckSection catalog={catalog} />
          </>
        )}
      </main>
    </LockInfoContext.Provider>
  );
}
