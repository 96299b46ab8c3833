// Loading the synthetic fixture pages for tests. `parsePage` gives a standalone document (no
// window: no scripts run, no frames load), `mountPage` replaces the test window's document so
// computed styles, events and observers work.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LocationLike } from '../../src/adapters/types';

// jsdom replaces the global URL, which node:url's fileURLToPath rejects; use the dirname.
const dir = join(import.meta.dirname, '..', 'fixtures', 'pages');

export function fixture(name: string): string {
  return readFileSync(join(dir, name), 'utf8');
}

export function parsePage(name: string): Document {
  return new DOMParser().parseFromString(fixture(name), 'text/html');
}

/** Load a fixture into the global test document (head and body replaced). */
export function mountPage(name: string): Document {
  const parsed = parsePage(name);
  document.head.replaceChildren(...Array.from(parsed.head.childNodes).map((n) => document.importNode(n, true)));
  document.body.replaceChildren(...Array.from(parsed.body.childNodes).map((n) => document.importNode(n, true)));
  return document;
}

export function at(href: string): LocationLike {
  return { href };
}

export const URLS = {
  tabs: 'https://emr.example.test/interface/main/tabs/main.php',
  encTop: 'https://emr.example.test/interface/patient_file/encounter/encounter_top.php',
  soap: 'https://emr.example.test/interface/patient_file/encounter/load_form.php?formname=soap',
  feeSheet: 'https://emr.example.test/interface/patient_file/encounter/load_form.php?formname=fee_sheet',
  summary: 'https://emr.example.test/interface/patient_file/encounter/forms.php',
  billing: 'https://emr.example.test/interface/billing/billing_report.php',
  frameset: 'https://emr.example.test/interface/main/main_screen.php',
  generic: 'https://rehab.example.test/visits/42',
  listForm: 'https://clinic.example.test/encounter/9',
  selector: 'https://ehr.example.com/chart/visit/77',
  news: 'https://news.example.test/local',
} as const;
