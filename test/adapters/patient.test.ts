// @vitest-environment jsdom
// The patient identifier a frame shows (src/adapters/classify/patient.ts): read from labelled
// fields, table rows, lines of a banner, OpenEMR's patient panel and the frame's address; none when
// a frame shows several patients. The identifier only ever leaves as the history store's HMAC.
import { describe, expect, it } from 'vitest';
import { classifyFrame } from '../../src/adapters/classify/index';
import { settleTitles } from '../../src/adapters/page/titles';
import { choosePatient, patientCandidates, readPatient } from '../../src/adapters/classify/patient';
import { ElementIds, readFrame } from '../../src/adapters/index';
import { at, parsePage, URLS } from './pages';

function pageOf(html: string, url: string = URLS.generic) {
  return settleTitles(readFrame(new DOMParser().parseFromString(html, 'text/html'), at(url), [], new ElementIds(), { top: true }).snapshot.page);
}

function fixturePage(name: string, url: string = URLS.generic) {
  return settleTitles(readFrame(parsePage(name), at(url), [], new ElementIds(), { top: true }).snapshot.page);
}

describe('OpenEMR 7.0.x pages', () => {
  it("the main window's patient panel: the pubpid in brackets after the name, over the DOB line", () => {
    const patient = readPatient(fixturePage('openemr-main-tabs.html', URLS.tabs));
    expect(patient).toMatchObject({ id: 'record:RB-1042', kind: 'record', via: 'banner' });
    expect(patient?.reason).not.toContain('RB-1042');
  });

  it('the dashboard opened with set_pid and a form opened with pid give the same address id', () => {
    const dashboard = readPatient(fixturePage('openemr-dashboard.html', 'https://emr.example.test/interface/patient_file/summary/demographics.php?set_pid=4'));
    const soap = readPatient(fixturePage('openemr-soap-new.html', 'https://emr.example.test/interface/forms/soap/new.php?pid=4&encounter=12'));
    expect(dashboard?.id).toBe('url:pid=4');
    expect(soap?.id).toBe('url:pid=4');
  });

  it('encounter frames whose address carries no patient id show none (the hidden pid input is not read)', () => {
    expect(readPatient(fixturePage('openemr-soap-new.html', URLS.soap))).toBeUndefined();
    expect(readPatient(fixturePage('openemr-forms-summary.html', URLS.summary))).toBeUndefined();
    expect(readPatient(fixturePage('openemr-fee-sheet-unbilled.html', URLS.feeSheet))).toBeUndefined();
  });

  it('the Billing Manager lists several patients: no identifier', () => {
    expect(readPatient(fixturePage('openemr-billing-manager.html', URLS.billing))).toBeUndefined();
  });

  it('is part of the classified reading', () => {
    expect(classifyFrame(fixturePage('openemr-main-tabs.html', URLS.tabs)).patient?.id).toBe('record:RB-1042');
    expect('patient' in classifyFrame(fixturePage('openemr-forms-summary.html', URLS.summary))).toBe(false);
  });
});

describe('generic shapes', () => {
  it('a banner line "Patient: … · MRN 000123 · DOB …"', () => {
    expect(readPatient(fixturePage('generic-ehr.html'))).toMatchObject({ id: 'record:000123', via: 'line' });
  });

  it.each([
    ['<label for="m">MRN</label><input id="m" value="0042137"><p>Pt reports neck pain.</p>', 'record:0042137'],
    ['<dl><dt>Medical record number</dt><dd>A-77-310</dd></dl>', 'record:A-77-310'],
    ['<table><tr><th>Patient ID</th><td>55120</td></tr><tr><th>DOB</th><td>01/01/1970</td></tr></table>', 'record:55120'],
    ['<table><tr><td><b>Chart #</b></td><td>c-9981</td></tr></table>', 'record:C-9981'],
    ['<header>RIVERA, SAM (000123)</header><div>DOB 04/09/1981</div>', 'record:000123'],
    ['<div class="banner">MRN: 12345</div>', 'record:12345'],
  ])('%s', (html, id) => {
    expect(readPatient(pageOf(html))?.id).toBe(id);
  });

  it('reads ids in the address: parameters and /patients/<id>/ paths', () => {
    expect(readPatient(pageOf('<p>Note</p>', 'https://ehr.example.test/chart?patient_id=8812&tab=notes'))?.id).toBe('url:patientid=8812');
    expect(readPatient(pageOf('<p>Note</p>', 'https://ehr.example.test/patients/PT-5541/visits/9'))?.id).toBe('url:path=PT-5541');
    expect(readPatient(pageOf('<p>Note</p>', 'https://ehr.example.test/visits/42?page=2'))).toBeUndefined();
  });

  it('a record identifier on the page wins over the address', () => {
    expect(readPatient(pageOf('<div>MRN: 12345</div>', 'https://ehr.example.test/x?pid=4'))?.id).toBe('record:12345');
  });

  it('leaves out look-alikes: no digit, a name in brackets without a birth line, a typed note mentioning an MRN', () => {
    expect(readPatient(pageOf('<label for="m">MRN</label><input id="m" value="pending">'))).toBeUndefined();
    expect(readPatient(pageOf('<div>Sam Rivera (RB-1042)</div><p>Lumbar strain, improving.</p>'))).toBeUndefined();
    expect(readPatient(pageOf('<textarea>Called about MRN 4411 records request.</textarea>'))).toBeUndefined();
  });

  it('several different identifiers of the same kind (a list of patients): none', () => {
    const html = '<table><thead><tr><th>MRN</th><th>Name</th></tr></thead><tbody><tr><td>1001</td><td>A</td></tr><tr><td>1002</td><td>B</td></tr></tbody></table>';
    expect(patientCandidates(pageOf(html)).map((c) => c.value).sort()).toEqual(['1001', '1002']);
    expect(readPatient(pageOf(html))).toBeUndefined();
    expect(choosePatient([])).toBeUndefined();
  });
});
