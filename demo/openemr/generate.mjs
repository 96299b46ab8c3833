// Writes the demo's OpenEMR pages (demo/openemr/…) and the OpenEMR test fixtures
// (test/fixtures/pages/openemr-*.html) from templates.mjs, which follows OpenEMR 7.0.x's templates.
// Real OpenEMR serves these from PHP at load_form.php?formname=…; the demo is static, so each
// encounter has its own files (main-12.html, encounter_top-12.html, …).
//
//   node demo/openemr/generate.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENCOUNTERS, PROVIDERS } from './encounters.mjs';
import { billingReport, clinicalNotesForm, dashboard, encounterTop, feeSheet, formsSummary, soapForm, tabsShell } from './templates.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const FIXTURES = join(HERE, '../../test/fixtures/pages');
const EXPECTED = join(FIXTURES, 'corpus/openemr');

function write(file, text) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

const encounter = (id) => ({ ...ENCOUNTERS[id], id: Number(id) });

/** The tabs each demo encounter has open, and the one in front. */
function tabsOf(e) {
  const summary = { title: 'Summary', panel: 'enctabs-1', src: `forms-${e.id}.html` };
  const feeSheetTab = (panel) => ({ title: 'Fee Sheet', panel, name: panel, src: `../../forms/fee_sheet/encounter-${e.id}.html`, closeable: true });
  if (e.id === 12) {
    // SOAP opened from the summary (initial form tab), then the Fee Sheet added; the user is back on SOAP.
    return { tabs: [summary, { title: 'SOAP', panel: 'enctabs-2', name: 'enctabs-2', src: `../../forms/soap/encounter-${e.id}.html`, closeable: true }, feeSheetTab('enctabs-1001')], active: 1 };
  }
  if (e.id === 15) {
    return { tabs: [summary, { title: 'Clinical Notes', panel: 'enctabs-2', name: 'enctabs-2', src: `../../forms/clinical_notes/encounter-${e.id}.html`, closeable: true }, feeSheetTab('enctabs-1001')], active: 2 };
  }
  // A billed visit: the Fee Sheet in front, the SOAP note only in the (hidden) summary.
  return { tabs: [summary, feeSheetTab('enctabs-2')] };
}

const demo = (path) => join(HERE, path);
for (const id of Object.keys(ENCOUNTERS)) {
  const e = encounter(id);
  write(demo(`interface/main/tabs/main-${id}.html`), tabsShell({ encounter: e, encounterTopSrc: `../../patient_file/encounter/encounter_top-${id}.html`, dashboardSrc: `../../patient_file/summary/demographics-${e.pid}.html`, title: 'OpenEMR' }));
  write(demo(`interface/patient_file/summary/demographics-${e.pid}.html`), dashboard(e));
  write(demo(`interface/patient_file/encounter/encounter_top-${id}.html`), encounterTop({ encounter: e, ...tabsOf(e) }));
  write(demo(`interface/patient_file/encounter/forms-${id}.html`), formsSummary(e));
  if (e.form === 'soap') write(demo(`interface/forms/soap/encounter-${id}.html`), soapForm(e));
  if (e.form === 'clinical_notes') write(demo(`interface/forms/clinical_notes/encounter-${id}.html`), clinicalNotesForm(e));
  write(demo(`interface/forms/fee_sheet/encounter-${id}.html`), feeSheet(e));
}
write(demo('interface/billing/billing_report.html'), billingReport(Object.keys(ENCOUNTERS).map(encounter)));

// Test fixtures: single documents for the jsdom tests.
const e12 = encounter(12);
const e14 = encounter(14);
const e15 = encounter(15);
const withDeleted = { ...e12, billing: [...e12.billing, { code_type: 'CPT4', code: '97110', code_text: 'THERAPEUTIC EXERCISES', modifier: 'GP', units: 1, fee: 40, justify: 'ICD10|M54.50:', deleted: true }] };
write(join(FIXTURES, 'openemr-main-tabs.html'), tabsShell({ encounter: e12, encounterTopSrc: 'about:blank', title: 'OpenEMR' }));
write(join(FIXTURES, 'openemr-encounter-top.html'), encounterTop({ encounter: e12, ...tabsOf(e12) }));
write(join(FIXTURES, 'openemr-forms-summary.html'), formsSummary(e12));
write(join(FIXTURES, 'openemr-dashboard.html'), dashboard(e12));
write(join(FIXTURES, 'openemr-forms-summary-clinical-notes.html'), formsSummary(e15));
write(join(FIXTURES, 'openemr-soap-edit.html'), soapForm(e12));
write(join(FIXTURES, 'openemr-soap-new.html'), soapForm(e12, { saved: false }));
write(join(FIXTURES, 'openemr-clinical-notes.html'), clinicalNotesForm(e15));
write(join(FIXTURES, 'openemr-fee-sheet-unbilled.html'), feeSheet(withDeleted, { billed: false }));
write(join(FIXTURES, 'openemr-fee-sheet-billed.html'), feeSheet(e14, { billed: true }));
write(join(FIXTURES, 'openemr-billing-manager.html'), billingReport([e12, e14, e15], { showUnits: true }));
write(join(FIXTURES, 'openemr-billing-manager-no-units.html'), billingReport([e12, e14], { showUnits: false }));
// Expected visits of the demo's pages, for the page-accuracy report (test/fixtures/pages/corpus/README.md).
const services = (e) =>
  e.billing
    .filter((b) => b.code_type !== 'ICD10' && !b.deleted)
    .map((b) => {
      const line = { code: b.code };
      if (b.modifier) line.modifiers = b.modifier.split(':').filter(Boolean);
      line.units = b.units;
      const dx = (b.justify ?? '').split(':').filter(Boolean).map((j) => j.split('|')[1]);
      if (dx.length > 0) line.dx = dx;
      return line;
    });
/** The note as the page shows it: SOAP sections, or the Clinical Notes narrative. */
const noteOf = (e) =>
  e.form === 'soap'
    ? [
        { label: 'Subjective', text: e.soap.subjective },
        { label: 'Objective', text: e.soap.objective },
        { label: 'Assessment', text: e.soap.assessment },
        { label: 'Plan', text: e.soap.plan },
      ]
    : e.clinicalNotes.map((n) => ({ label: 'Narrative', text: n.text }));
/** The provider as the pages name them; credentials only where the note's signature prints them. */
const providerOf = (e, { signed }) => {
  const p = PROVIDERS[e.provider];
  const out = { name: `${p.fname} ${p.lname}` };
  if (signed) out.credentials = p.valedictory.split(/,\s*/);
  return out;
};
// The payer shows on the patient dashboard's insurance card (a hidden tab of the same window).
const encounterVisit = (e) => ({ payer: e.payer.name, dateOfService: e.date, provider: providerOf(e, { signed: true }), note: noteOf(e), lines: services(e) });
const billingVisit = (e) => ({ payer: e.payer.name, dateOfService: e.date, provider: providerOf(e, { signed: false }), note: '', lines: services(e) });
const CHROME = ['Calendar', 'Finder', 'Flow', 'Recalls', 'Messages', 'Expand / Collapse', 'Collapse All', 'Expand All', 'Administrative', 'Logout'];
const expectations = {
  'main-12': { entry: '/openemr/interface/main/tabs/main-12.html', template: 'main/tabs/main.php (with the Dashboard tab: demographics.php insurance card) + encounter_top.php; SOAP (soap_form.twig) in front, Summary (forms.php) and Fee Sheet (new.php, unbilled) behind', visits: [encounterVisit(e12)] },
  'main-14': { entry: '/openemr/interface/main/tabs/main-14.html', template: 'encounter_top.php; Fee Sheet (billed) in front, the SOAP report only in the hidden Summary (forms.php)', visits: [encounterVisit(e14)] },
  'main-15': { entry: '/openemr/interface/main/tabs/main-15.html', template: 'encounter_top.php; Fee Sheet in front, Clinical Notes form and Summary behind', visits: [encounterVisit(e15)] },
  'billing-manager': { entry: '/openemr/interface/billing/billing_report.html', template: 'billing/billing_report.php: three unbilled encounters, none ticked', visits: [billingVisit(e12), billingVisit(e14), billingVisit(e15)] },
};
for (const [name, x] of Object.entries(expectations)) {
  const expected = { family: 'openemr', batch: 'openemr', about: x.template, entry: x.entry, server: 'demo', visits: x.visits, notNote: CHROME };
  write(join(EXPECTED, name, 'expected.json'), `${JSON.stringify(expected, null, 2)}\n`);
}
console.log('wrote demo/openemr, test/fixtures/pages/openemr-*.html and test/fixtures/pages/corpus/openemr/*/expected.json');
