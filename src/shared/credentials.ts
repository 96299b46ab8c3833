// The credentials therapists, assistants, massage therapists and the other clinicians on a therapy
// claim sign with, in capitals and without dots ("P.T." is "PT"). One list for every layer that
// recognises a signature or a provider: the frame merger (background/frames.ts) and the page
// classifier (adapters/classify/facts.ts).
export const CREDENTIALS: ReadonlySet<string> = new Set([
  'PT', 'DPT', 'MPT', 'MSPT', 'PTA', 'LPT', 'LPTA', 'SPT', 'SPTA', 'OT', 'OTR', 'OTR/L', 'OT/L', 'OTD', 'OTA', 'COTA',
  'COTA/L', 'LMT', 'LMBT', 'LMP', 'CMT', 'RMT', 'MT', 'ATC', 'LAT', 'DC', 'MD', 'DO', 'NP', 'PA', 'PA-C', 'RN',
  'SLP', 'CCC-SLP', 'CHT', 'OCS', 'SCS', 'NCS', 'GCS', 'WCS', 'CSCS', 'CLT', 'FAAOMPT', 'PHD',
]);

// Credentials that are also a state's code or a pair of initials ("MT" Montana, "PA" Pennsylvania,
// "RN" an avatar's initials): on their own beside a name they prove nothing.
const AMBIGUOUS: ReadonlySet<string> = new Set(['MT', 'PA', 'RN']);

/** Whether a caption holds at least one clinician's credential that no state code or initials could be ("PT, DPT", "OTR/L", "LMT"). */
export function namesClinicianCredential(text: string): boolean {
  for (const token of text.split(/[\s,;]+/)) {
    if (!token) continue;
    const parts = CREDENTIALS.has(token) ? [token] : token.split('/');
    if (parts.some((part) => CREDENTIALS.has(part) && !AMBIGUOUS.has(part))) return true;
  }
  return false;
}
