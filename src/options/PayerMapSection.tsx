import { useId } from 'preact/hooks';
import { t } from '../ui/i18n';
import { LockNote } from '../ui/LockNote';
import { LOCK_KEYS } from '../ui/locks';
import type { ProfileSummary } from './catalog';

interface Props {
  /** Payer name on the claim → profile id, as the organisation's policy sets it. */
  payerMap: Readonly<Record<string, string>>;
  profiles: readonly ProfileSummary[];
}

/** Read-only: the payer mapping comes from managed policy and can't be edited here. */
export function PayerMapSection({ payerMap, profiles }: Props) {
  const id = useId();
  const nameOf = (profileId: string) => profiles.find((p) => p.id === profileId)?.name ?? profileId;
  const rows = Object.entries(payerMap).sort(([a], [b]) => a.localeCompare(b));
  return (
    <section class="card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('optionsPayerMapHeading')}</h2>
      <p class="field__hint">{t('optionsPayerMapHint')}</p>
      <LockNote id={`${id}-lock`} lock={LOCK_KEYS.payerMap} />
      <table class="payer-map" aria-describedby={`${id}-lock`}>
        <thead>
          <tr>
            <th scope="col">{t('optionsPayerMapPayer')}</th>
            <th scope="col">{t('optionsPayerMapProfile')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([payer, profile]) => (
            <tr key={payer}>
              <th scope="row">{payer}</th>
              <td>{nameOf(profile)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
