// OpenEMR 7.0.x screens as their templates render them, element for element (ids, names, classes,
// nesting), for the demo and the test fixtures. Each function names the template it follows in the
// public source (github.com/openemr/openemr); the data comes from encounters.mjs. Scripts are left
// out except a few lines of tab switching (Bootstrap's) so the demo can be clicked through.
import { FACILITY, PROVIDERS } from './encounters.mjs';

export function esc(text) {
  return String(text ?? '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** oeFormatShortDate() with the US default format. */
export function shortDate(iso) {
  const [y, m, d] = iso.split('-');
  return `${m}/${d}/${y}`;
}

const nl2br = (text) => esc(text).replace(/\n/g, '<br />\n');

/** Bootstrap 4 rules the pages rely on for what is shown (tabs, collapse, d-none). */
export const BOOTSTRAP_CSS = `.tab-content > .tab-pane { display: none; } .tab-content > .active { display: block; }
.collapse:not(.show) { display: none; } .d-none { display: none !important; }`;

function head(title, { css = [] } = {}) {
  return `<head>
<meta charset="utf-8">
${title ? `<title>${esc(title)}</title>` : ''}
<style>${BOOTSTRAP_CSS}</style>
${css.map((href) => `<link rel="stylesheet" href="${href}">`).join('\n')}
</head>`;
}

function providerName(id) {
  const p = PROVIDERS[id];
  return p ? `${p.lname}, ${p.fname}` : '';
}

/** library/FeeSheetHtml.class.php genProviderSelect(): "<span><select class='form-control' name=…>". */
function providerSelect(name, toptext, selected, disabled = false, tooltip = '') {
  const options = [`<option value=''>${esc(toptext)}</option>`];
  for (const [id, p] of Object.entries(PROVIDERS)) {
    options.push(`<option value='${id}'${Number(id) === selected ? ' selected' : ''}>${esc(`${p.lname}, ${p.fname}`)}</option>`);
  }
  return `   <span><select class='form-control' name='${esc(name)}'${disabled ? ' disabled' : ''}${tooltip ? ` title='${esc(tooltip)}'` : ''}>${options.join('')}</select></span>\n`;
}

// ---- interface/main/tabs/main.php with templates/tabs_template.php (Knockout rendered) ------------

export function tabsShell({ encounter, encounterTopSrc, dashboardSrc = 'about:blank', title }) {
  const patient = encounter.patient;
  return `<!DOCTYPE html>
<html>
${head(title ?? 'OpenEMR', { css: ['/assets/ehr.css', '/assets/openemr.css'] })}
<body class="body_top">
<!-- interface/main/tabs/main.php: menu, patient data template, tab controls, frames. -->
<div id="mainBox">
  <nav class="navbar navbar-expand-xl navbar-light bg-light py-0" id="mainMenu" role="navigation">
    <a class="navbar-brand mt-2 mt-xl-0 mr-3 mr-xl-2" href="#">OpenEMR</a>
    <ul class="navbar-nav mr-auto">
      <li class="nav-item"><a class="nav-link" href="#">Calendar</a></li>
      <li class="nav-item"><a class="nav-link" href="#">Finder</a></li>
      <li class="nav-item dropdown"><a class="nav-link dropdown-toggle" href="#">Patient</a></li>
      <li class="nav-item dropdown"><a class="nav-link dropdown-toggle" href="#">Fees</a></li>
      <li class="nav-item dropdown"><a class="nav-link dropdown-toggle" href="#">Reports</a></li>
      <li class="nav-item"><a class="nav-link" href="/">Demo index</a></li>
    </ul>
  </nav>
  <div id="attendantData" class="body_title acck">
    <!-- templates/patient_data_template.php -->
    <div class="d-lg-inline-flex w-100">
      <div class="flex-fill">
        <div class="form-group">
          <div class="d-inline">
            <a class="ptName " href="#" title="To Dashboard"><span>${esc(`${patient.fname} ${patient.lname}`)}</span> <span class="text-muted">(<span>${esc(encounter.pubpid)}</span>)</span></a>
            <span class=""><a href="#" class="pt-1 text-muted" title="Close Patient Chart"><i class="fa fa-times text-muted"></i></a></span>
          </div>
          <div class="mt-2"><span>DOB: ${esc(shortDate(patient.dob))} Age: 45</span></div>
        </div>
      </div>
      <div class="flex-fill ml-2">
        <div class="btn-group btn-group-sm">
          <a class="btn btn-sm btn-secondary" href="#" title="Visit History"><i class="fas fa-history"></i></a>
          <div class="btn-group dropdown"><button class="btn btn-secondary btn-sm dropdown-toggle" type="button" id="pastEncounters">Select Encounter&nbsp;(<span>3</span>)<span class="caret"></span></button></div>
        </div>
        <div class="patientCurrentEncounter mt-2 d-block">
          <span>Open Encounter:</span>
          <a href="#"><span>${esc(shortDate(encounter.date))}</span> (<span>${esc(encounter.id)}</span>)</a>
        </div>
      </div>
    </div>
  </div>
  <div id="tabs_div">
    <div class="tabControls">
      <div class="tabNotchosen" style="width:2%"><i class="fa fa-caret-up menu_arrow" id="patient_caret" title="Toggle the Patient Panel" aria-hidden="true"></i></div>
      <div class="tabSpan bgcolor2 tabNotchosen"><span class="tabTitle tabHidden">Calendar</span></div>
      <div class="tabSpan bgcolor2 tabNotchosen"><span class="tabTitle tabHidden">Dashboard</span></div>
      <div class="tabSpan bgcolor2"><span class="tabTitle">Encounter</span></div>
      <div class="tabNotchosen" style="width:100%;"></div>
    </div>
  </div>
  <div id="mainFrames_div" class="mainFrames d-flex flex-row">
    <div id="framesDisplay">
      <div class="frameDisplay" style="display: none;"><iframe name="cal" title="Calendar" src="about:blank"></iframe></div>
      <div class="frameDisplay" style="display: none;"><iframe name="pat" title="Dashboard" src="${esc(dashboardSrc)}"></iframe></div>
      <div class="frameDisplay"><iframe name="enc" title="Encounter" src="${esc(encounterTopSrc)}"></iframe></div>
    </div>
  </div>
</div>
<iframe name="logoutinnerframe" id="logoutinnerframe" style="visibility:hidden; position:absolute; left:0; top:0; height:0; width:0; border:none;" src="about:blank"></iframe>
</body>
</html>
`;
}

// ---- interface/patient_file/encounter/encounter_top.php + src/Tabs/TabsWrapper.php genHtml() --------

/**
 * Tabs: the initial Summary tab (forms.php), the initial form tab (load_form.php, name enctabs-2),
 * and tabs added later by twAddFrameTab() (name "enctabs-1001": nextPanelId() concatenates
 * 'enctabs-' + 100 + 1). The last declared initial tab is active; `active` overrides (a tab clicked).
 */
export function encounterTop({ encounter, tabs, active }) {
  const activeIndex = active ?? tabs.length - 1;
  const nav = tabs
    .map((tab, i) => `<li class='tabs-tabs' ><a data-toggle='tab' class='tabs-anchor ${i === activeIndex ? 'active' : ''}' href='#${tab.panel}'>${esc(tab.title)}${tab.closeable ? " <span aria-label='close' class='icon-close' role='close'>&times;</span>" : ''}</a> </li>`)
    .join('\n');
  const panes = tabs
    .map((tab, i) => {
      const frame = tab.name
        ? `<iframe name='${esc(tab.name)}' class='w-100' style='height:94.5vh;border: 0;' src='${esc(tab.src)}'>Problem loading.</iframe>`
        : `<iframe class='w-100' style='height:94.5vh;border: 0;' src='${esc(tab.src)}'>Problem loading.</iframe>`;
      return `<div class='tab-pane tabs-panel ${i === activeIndex ? 'active' : ''}' id='${tab.panel}'>\n${frame}</div>\n`;
    })
    .join('');
  return `<!DOCTYPE html>
<html>
${head(`${shortDate(encounter.date)} Encounter`, { css: ['/assets/ehr.css', '/assets/openemr.css'] })}
<body class='m-0'>
<div class='tabs'>
<ul id='enctabs' class='nav nav-tabs tabs-nav'>
${nav}
</ul>
<div class='tab-content' id='enctabs-tabs'>${panes}</div>
</div>
<script>
  // Bootstrap's tab switching, as data-toggle='tab' does it.
  document.querySelectorAll("#enctabs a[data-toggle='tab']").forEach(function (a) {
    a.addEventListener('click', function (event) {
      event.preventDefault();
      document.querySelectorAll('#enctabs a').forEach(function (x) { x.classList.toggle('active', x === a); });
      document.querySelectorAll('#enctabs-tabs > .tab-pane').forEach(function (p) { p.classList.toggle('active', '#' + p.id === a.getAttribute('href')); });
    });
  });
</script>
</body>
</html>
`;
}

// ---- interface/patient_file/encounter/forms.php (encounter summary) ---------------------------------

/** interface/forms/soap/report.php soap_report(): one column, span.bold label, span.text value (nl2br). */
function soapReport(soap) {
  const rows = ['subjective', 'objective', 'assessment', 'plan']
    .filter((key) => soap[key])
    .map((key) => `<td><span class=bold>${esc(key[0].toUpperCase() + key.slice(1))}: </span><span class=text>${nl2br(soap[key])}</span></td>`);
  return `<table><tr>${rows.join('</tr><tr>\n')}</tr><tr>\n</tr></table>`;
}

/** interface/forms/clinical_notes/templates/report.html.twig */
function clinicalNotesReport(notes, author) {
  return `<section class="w-100">
${notes
  .map(
    (n) => `    <article role="document">
        <header class="d-flex justify-content-between bg-light border border-dark p-1 sticky-top">
            <div class="form-group mb-0"><div class="font-weight-bold">Date</div><time datetime="${esc(n.date)}">${esc(n.date)}</time></div>
            <div class="form-group mb-0"><div class="font-weight-bold">Type</div><div>${esc(n.type)}</div></div>
            <div class="form-group mb-0"><div class="font-weight-bold">Category</div><div>${esc(n.category)}</div></div>
            <div class="form-group mb-0"><div class="font-weight-bold">Author</div><div>${esc(author)}</div></div>
        </header>
        <section>${nl2br(n.text)}</section>
    </article>`,
  )
  .join('\n')}
</section>`;
}

/** interface/forms/newpatient/templates/report.html.twig (Visit Summary). */
function newpatientReport(encounter) {
  const p = PROVIDERS[encounter.provider];
  const provider = p ? `${p.fname} ${p.lname}${p.valedictory ? `, ${p.valedictory}` : ''}` : '';
  return `<div class="w-100">
    <h3>${esc(encounter.category)} - ${esc(encounter.reason)}</h3>
    <h5 class="text-muted">${esc(provider)} (${esc(FACILITY)})</h5>
</div>`;
}

export function formsSummary(encounter) {
  const author = PROVIDERS[encounter.author];
  const authorText = author ? `${author.fname}  ${author.lname}` : '';
  const forms = [
    { formdir: 'newpatient', id: 40 + encounter.id, name: 'Visit Summary', report: newpatientReport(encounter), by: PROVIDERS[encounter.provider] ? `${PROVIDERS[encounter.provider].fname} ${PROVIDERS[encounter.provider].lname}` : '' },
  ];
  if (encounter.form === 'soap') forms.push({ formdir: 'soap', id: encounter.id, name: 'SOAP', report: soapReport(encounter.soap), by: authorText });
  if (encounter.form === 'clinical_notes') forms.push({ formdir: 'clinical_notes', id: encounter.id, name: 'Clinical Notes', report: clinicalNotesReport(encounter.clinicalNotes, author ? `${author.fname} ${author.lname}` : ''), by: authorText });
  const rows = forms
    .map(
      (f, i) => `<tr id="${esc(f.formdir)}~${f.id}" class="text onerow"><td class='border-bottom border-dark'>        <div class="form_header">
            <a href="#" data-toggle="collapse" data-target="#divid_${i + 1}" class="" id="aid_${i + 1}">
                <h5>${esc(f.name)}</h5>
                by ${esc(f.by)}
            </a>
        </div>
        <div class='form_header_controls btn-group' role='group'><a class='btn btn-secondary btn-sm form-edit-button btn-edit' id='form-edit-button-${esc(f.formdir)}-${f.id}' href='#' title='Edit this form'>Edit</a><a class='btn btn-secondary btn-sm collapse-button-form' title='Expand/Collapse this form' data-toggle='collapse' data-target='#divid_${i + 1}'>Expand / Collapse</a></div>
</td>
</tr><tr><td class='formrow'><div id='divid_${i + 1}' class='mb-5 collapse show' class='tab ${i === 0 ? 'd-block' : 'd-none'}'>${f.report}</div></td></tr>`,
    )
    .join('');
  return `<!DOCTYPE html>
<html>
${head('', { css: ['/assets/ehr.css', '/assets/openemr.css'] })}
<body>
<nav class="navbar navbar-expand-lg navbar-light bg-light">
    <button class="navbar-toggler" type="button" data-toggle="collapse" data-target="#navbarSupportedContent" aria-controls="navbarSupportedContent" aria-expanded="false" aria-label="Toggle navigation">
        <span class="navbar-toggler-icon"></span>
    </button>
    <span class="navbar-brand">
        ${esc(shortDate(encounter.date))} Encounter for ${esc(`${encounter.patient.fname} ${encounter.patient.lname}`)}
    </span>
    <div class="collapse navbar-collapse" id="navbarSupportedContent">
        <ul class="navbar-nav mx-auto">
            <li class="nav-item dropdown"><a class="nav-link dropdown-toggle" href="#" id="category_Administrative" role="button" data-toggle="dropdown" aria-expanded="false">Administrative</a></li>
            <li class="nav-item dropdown"><a class="nav-link dropdown-toggle" href="#" id="category_Clinical" role="button" data-toggle="dropdown" aria-expanded="false">Clinical</a></li>
        </ul>
        <ul class="navbar-nav ml-auto">
            <li class="nav-item"><a href="#" class="nav-link"><i class="fa fa-compress-alt"></i>&nbsp;Collapse All</a></li>
            <li class="nav-item"><a href="#" class="nav-link"><i class="fa fa-expand-alt"></i>&nbsp;Expand All</a></li>
        </ul>
    </div>
</nav>

<div id="encounter_forms" class="mx-1">
<div class='encounter-summary-container'>
    <div class='encounter-summary-column'>
        <div>
        </div>
        <div style='margin-top: 8px;'>
        </div>
    </div>
<div class='encounter-summary-column'>
</div>

<div class='encounter-summary-column'>
</div>

</div>

<br/>

<table class='w-100' id='partable'>${rows}</table>
</div> <!-- end large encounter_forms DIV -->
</body>
</html>
`;
}

// ---- interface/forms/soap/templates/soap_form.twig ----------------------------------------------------

export function soapForm(encounter, { saved = true } = {}) {
  const value = (key) => (saved ? esc(encounter.soap[key]) : '');
  const fieldset = (key, label, extra = '') => `                    <fieldset>
                        <legend>${label}</legend>
                        <div class="container">
                            <div class="form-group"${extra}>
                                <textarea name="${key}" class="form-control" cols="60" rows="6" onkeyup="top.isSoapEdit = true;">${value(key)}</textarea>
                            </div>
                        </div>
                    </fieldset>`;
  return `<html>
${head('SOAP', { css: ['/assets/ehr.css', '/assets/openemr.css'] })}
<body>
    <div class="container mt-3">
        <div class="row">
            <div class="col-12">
                <h2>SOAP</h2>
                <form name="soap" method="post" action="/interface/forms/soap/save.php?mode=${saved ? 'update' : 'new'}&amp;id=${encounter.id}" onsubmit="return top.restoreSession()">
                    <input type="hidden" name="csrf_token_form" value="c5e0b9d0d1f34f2c8e1" />
${fieldset('subjective', 'Subjective', ' ')}
${fieldset('objective', 'Objective')}
${fieldset('assessment', 'Assessment')}
${fieldset('plan', 'Plan')}
                    <div class="form-group">
                        <div class="btn-group" role="group">
                            <button type="submit" class="btn btn-primary btn-save" name="Submit">Save</button>
                            <button type="button" class="btn btn-secondary btn-cancel" id="btnClose">Cancel</button>
                        </div>
                        <input type="hidden" name="id" value="${saved ? encounter.id : ''}" />
                        <input type="hidden" name="activity" value="1" />
                        <input type="hidden" name="pid" value="${encounter.pid}" />
                        <input type="hidden" name="process" value="true" />
                    </div>
                </form>
            </div>
        </div>
    </div>
</body>
</html>
`;
}

// ---- interface/forms/clinical_notes/new.php ---------------------------------------------------------------

export function clinicalNotesForm(encounter) {
  const rows = encounter.clinicalNotes
    .map((n, i) => {
      const k = i + 1;
      return `                        <div class="tb_row" id="tb_row_${k}">
                            <fieldset>
                                <div class="form-row">
                                    <input type="hidden" id="id_${k}" name="id[]" class="id" value="${k}" />
                                    <input type="hidden" id="code_${k}" name="code[]" class="code" value="" />
                                    <input type="hidden" id="codetext_${k}" name="codetext[]" class="codetext" value="" />
                                    <div class="forms col-lg-4">
                                        <div class="row pl-2">
                                            <div class="col-12">
                                                <label for="code_date_${k}" class="h5">Date:</label>
                                                <input type='text' id="code_date_${k}" name='code_date[]' class="form-control code_date datepicker" value='${esc(n.date)}' title='yyyy-mm-dd Date of service' />
                                            </div>
                                            <div class="col-12">
                                                <label for="clinical_notes_type_${k}" class="h5">Type:</label>
                                                <select name="clinical_notes_type[]" id="clinical_notes_type_${k}" class="form-control clinical_notes_type" onchange="typeChange(this)">
                                                    <option value="">Select Note Type</option>
                                                    <option value="progress_note" selected="selected">${esc(n.type)}</option>
                                                    <option value="evaluation_note">Evaluation Note</option>
                                                </select>
                                            </div>
                                            <div class="col-12">
                                                <label for="clinical_notes_category_${k}" class="h5">Category:</label>
                                                <select name="clinical_notes_category[]" id="clinical_notes_category_${k}" class="form-control clinical_notes_category">
                                                    <option value="">Select Note Category</option>
                                                    <option value="physical_therapy" selected="selected">${esc(n.category)}</option>
                                                </select>
                                            </div>
                                        </div>
                                    </div>
                                    <div class="forms col-lg-8">
                                        <div class="row pl-2 pr-2">
                                            <div class="col-12">
                                                <label for="description_${k}" class="h5">Narrative:</label>
                                                <textarea name="description[]" id="description_${k}" data-textcontext="${esc(n.type)}" class="form-control description" rows="14">${esc(n.text)}</textarea>
                                            </div>
                                            <div class="col-12 text-sm-center text-md-left mt-1">
                                                <button type="button" class="btn btn-primary btn-add btn-sm" title='Click here to duplicate the row'>Add</button>
                                                <button class="btn btn-danger btn-sm" title='Click here to delete the row'>Delete</button>
                                                <input type="hidden" name="count[]" id="count_${k}" class="count" value="${k}" />
                                            </div>
                                        </div>
                                    </div>
                                </div>
                            </fieldset>
                            <hr />
                        </div>`;
    })
    .join('\n');
  return `<html>
${head('Clinical Notes Form', { css: ['/assets/ehr.css', '/assets/openemr.css'] })}
<body>
    <div class="container-fluid mt-3">
        <div class="row">
            <div class="col-12">
                <h2>Clinical Notes Form</h2>
                <form method='post' name='my_form' action='/interface/forms/clinical_notes/save.php?id=${encounter.id}'>
                    <input type="hidden" name="csrf_token_form" value="c5e0b9d0d1f34f2c8e1" />
                    <legend>Note Details</legend>
                    <div class="container-fluid">
${rows}
                        <div class="form-group">
                            <div class="col-sm-12">
                                <div class="btn-group" role="group">
                                    <button type="submit" onclick="top.restoreSession()" class="btn btn-primary btn-save">Save</button>
                                    <button type="button" class="btn btn-secondary btn-cancel">Cancel</button>
                                </div>
                                <input type="hidden" id="clickId" value="" />
                            </div>
                        </div>
                    </div>
                </form>
            </div>
        </div>
    </div>
</body>
</html>
`;
}

// ---- interface/forms/fee_sheet/new.php (echoServiceLines) ----------------------------------------------

/** The justify value as the fee sheet shows a stored one: colons to commas, the last one cut. */
function justifyShown(stored) {
  if (!stored) return '';
  return stored.replace(/:/g, ',').slice(0, stored.length - 1);
}

function serviceLine(line, lino, billed, providerId) {
  const hidden = `<input type='hidden' name='bill[${lino}][id]' value='${300 + lino}' /><input type='hidden' name='bill[${lino}][code_type]' value='${esc(line.code_type)}' /><input type='hidden' name='bill[${lino}][code]' value='${esc(line.code)}' /><input type='hidden' name='bill[${lino}][billed]' value='${billed ? 1 : 0}' />`;
  const del = line.deleted ? ['<del>', '</del>'] : ['', ''];
  const cells = [];
  cells.push(`  <td class='billcell'>${del[0]}${esc(line.code_type)}${del[1]}${hidden}</td>`);
  cells.push(`  <td class='billcell'>${del[0]}${esc(line.code)}${del[1]}</td>`);
  cells.push(`  <td class='billcell'>${del[0]}${esc(line.code_text)}${del[1]}</td>`);
  const isDx = line.code_type === 'ICD10';
  const justify = justifyShown(line.justify);
  if (billed) {
    cells.push(`  <td class='billcell'>${esc(line.modifier ?? '')}<input type='hidden' name='bill[${lino}][mod]' value='${esc(line.modifier ?? '')}'></td>`);
    cells.push(`  <td class='billcell text-center'>${isDx ? '' : esc((line.fee ?? 0).toFixed(2))}</td>`);
    cells.push(`  <td class='billcell text-center'>${isDx ? '' : esc(line.units ?? '')}</td>`);
    cells.push(`  <td class='billcell text-center' >${esc(justify)}</td>`);
    cells.push(`  <td class='billcell text-center' >${providerSelect('', '-- Default --', providerId, true)}</td>`);
    cells.push(`  <td class='billcell text-center' ></td>`);
    cells.push(`  <td class='billcell text-center' ><input type='checkbox' checked disabled /></td>`);
    cells.push(`  <td class='billcell text-center'><input type='checkbox' disabled /></td>`);
  } else {
    cells.push(
      isDx
        ? `  <td class='billcell'>&nbsp;</td>`
        : `  <td class='billcell'><input type='text' class='form-control form-control-sm' name='bill[${lino}][mod]' title='Multiple modifiers can be separated by colons or spaces, maximum of 4 (M1:M2:M3:M4)' value='${esc(line.modifier ?? '')}' size='12' onkeyup='policykeyup(this)' onblur='formatModifier(this)' /></td>`,
    );
    if (isDx) {
      cells.push(`  <td class='billcell'>&nbsp;</td>`, `  <td class='billcell'>&nbsp;</td>`, `  <td class='billcell'>&nbsp;</td>`);
    } else {
      cells.push(`  <td class='billcell text-right'><input type='text' class='form-control form-control-sm' name='bill[${lino}][price]' value='${esc((line.fee / Math.max(1, line.units)).toFixed(2))}' size='6' onchange='setSaveAndClose()'></td>`);
      cells.push(`  <td class='billcell text-center'><input type='text' class='form-control form-control-sm text-right' name='bill[${lino}][units]' value='${esc(line.units)}' size='2'></td>`);
      cells.push(
        `  <td class='billcell' align='center'><select class='form-control form-control-sm' name='bill[${lino}][justify]' onchange='setJustify(this)'><option value='${esc(justify)}'>${esc(justify)}</option></select></td>`,
      );
    }
    cells.push(`  <td class='billcell text-center' >${providerSelect(`bill[${lino}][provid]`, '-- Default --', 0)}</td>`);
    cells.push(isDx ? `  <td class='billcell text-center' ></td>` : `  <td class='billcell text-center' ><input type='text' class='form-control form-control-sm' name='bill[${lino}][notecodes]' value='' maxlength='10' size='8' /></td>`);
    cells.push(`  <td class='billcell text-center' ><input type='checkbox' name='bill[${lino}][auth]' value='1' checked /></td>`);
    cells.push(`  <td class='billcell text-center'><input type='checkbox' name='bill[${lino}][del]' value='1'${line.deleted ? ' checked' : ''} /></td>`);
  }
  return ` <tr>\n${cells.join('\n')}\n </tr>\n`;
}

export function feeSheet(encounter, { billed = encounter.billed } = {}) {
  const patient = `${encounter.patient.fname} ${encounter.patient.lname}`;
  const heading = `Fee Sheet for ${patient} for Encounter on ${shortDate(encounter.date)}`;
  const lines = encounter.billing.map((line, lino) => serviceLine(line, lino, billed, encounter.provider)).join('');
  const selectCode = billed
    ? `<p class='text-success'>This encounter has been billed. To make changes, re-open it or select Add More Items.</p>\n`
    : `                        <fieldset>
                        <legend>Set Price Level</legend>
                            <div class='form-group mx-5 text-center'>
   <select name='pricelevel' class='form-control' onchange='defaultPriceLevelChanged(this)' >
    <option value='standard' selected>Standard</option>
   </select>
                            </div>
                        </fieldset>

                    <fieldset>
                    <legend>Select Code</legend>
                    <div class='text-center'>
                        <table class="table" width="95%">
 <tr>
  <td class='text-nowrap' width='50%'>
   <select class='form-control' onchange='codeselect(this)'>
    <option value=''> Physical Therapy</option>
    <option value='CPT4|97110:|'>Therapeutic Exercise</option>
    <option value='CPT4|97124:|'>Massage Therapy</option>
    <option value='CPT4|97140:|'>Manual Therapy</option>
   </select>
  </td>
  <td></td>
 </tr>
                                </table>
                            </div>
                        </fieldset>

                        <fieldset>
                            <legend>Search for Additional Codes</legend>
                                <div class="text-center">
                                    <div class="form-group">
                                        <div class="btn-group" data-toggle="buttons">
<label class='radio-inline btn btn-secondary'>   <input type='radio' name='search_type' value='CPT4' />&nbsp;CPT4
 </label><label class='radio-inline btn btn-secondary'>   <input type='radio' name='search_type' value='ICD10' checked />&nbsp;ICD10
 </label>                                        </div>
                                    </div>
                                <div class="mx-5 mb-3 text-center">
                                    <div class="input-group">
                                        <input type='text' class="form-control" name='search_term' value='' />
                                        <div class="input-group-append">
                                            <input type='submit' class='btn btn-primary' name='bn_search' value='Search' onclick='return this.clicked = true;' />
                                        </div>
                                    </div>
                                </div>
                                <div class="mx-5 mb-3 text-center">
<td colspan='2' class='text-center text-nowrap'>
   <select name='search_results' class='form-control text-danger' onchange='codeselect(this)' disabled >
    <option value=''> Search Results (0 items)
   </select>
                                </div>
                        </fieldset>
`;
  return `<html>
${head(heading, { css: ['/assets/ehr.css', '/assets/openemr.css'] })}
<body>
    <div id="container_div" class="container mt-3">
        <div class="row">
            <div class="col-12">
                <div class="page-title"><h2>${esc(heading)} <a class="oe-help-redirect" href="#" title="Click to view Help"><i class="fa fa-question-circle" aria-hidden="true"></i></a></h2></div>
            </div>
       </div>
        <div class="row">
            <div class="col-12">
                <form method="post" name="fee_sheet_form" id="fee_sheet_form" action="/interface/forms/fee_sheet/new.php?rde=0&addmore=0" onsubmit="return validate(this)">
                    <input type='hidden' name='newcodes' value='' />
${selectCode}                    <fieldset>
                        <legend>Selected Fee Sheet Codes and Charges for Current Encounter</legend>
                        <div class='col-12'>
                            <table class="table" name='copay_review' id='copay_review'>
                                <tr>
                                </tr>
                            </table>
                        </div>
                        <div class='col-12 text-center table-responsive'>
                            <table name='selected_codes' id='selected_codes' class="table table-striped table-sm">
                                <thead>
                                    <tr>
                                        <th class='billcell'>Type</th>
                                        <th class='billcell'>Code</th>
                                        <th class='billcell'>Description</th>
                                        <th class='billcell'>Modifiers</th>
                                        <th class='billcell'>Price&nbsp;</th>
                                        <th class='billcell text-center'>Qty</th>
                                        <th class='billcell'>Justify</th>
                                        <th class='billcell' >Provider/Warehouse</th>
                                        <th class='billcell'>Note Codes</th>
                                        <th class='billcell'>Auth</th>
                                        <th class='billcell'>Delete</th>
                                    </tr>
                                </thead>
                                <tbody>
${lines}                                </tbody>
                            </table>
                        </div>
                    </fieldset>
                    <fieldset>
                        <legend>Select Providers</legend>
                        <div class="row mx-5">
                            <div class="form-row col">
                                <label class="col-form-label col-2">Rendering</label>
                                <div class="col-10">
${providerSelect('ProviderID', '-- Please Select --', encounter.provider, billed, 'This provider will be used as the default for services not specifying a provider.')}                                </div>
                            </div>
                            <div class="form-row col">
                                    <label class='col-form-label col-2'>Supervising</label>
                                    <div class="col-10">
${providerSelect('SupervisorID', '-- N/A --', 0, billed)}                                    </div>
                            </div>
                        </div>
                    </fieldset>

                    <div class="form-group">
                        <div class="col-sm-12 position-override">
                            <div class="btn-group" role="group">
                                <button type='button' class='btn btn-primary btn-calendar' onclick='newEvt()'>New Appointment</button>
${
  billed
    ? `    <button type='submit' class='btn btn-secondary btn-undo' name='bn_reopen' value='Re-Open Visit'>Re-Open Visit</button>
                                    <button type='submit' class='btn btn-secondary btn-add' name='bn_addmore' value='Add More Items'>Add More Items</button>`
    : `                                    <button type='submit' name='bn_refresh' class='btn btn-primary btn-refresh' value='Refresh'>Refresh</button>
                                    <button type='submit' name='bn_save' class='btn btn-primary btn-save' value='Save'>Save</button>
                                    <button type='submit' name='bn_save_stay' class='btn btn-primary btn-save' value='Save Current'>Save Current</button>`
}
                                    <button type='button' class='btn btn-secondary btn-cancel'>Cancel</button>
                                    <input type='hidden' name='form_has_charges' value='1' />
                                    <input type='hidden' name='form_checksum' value='1790862211' />
                            </div>
                        </div>
                    </div>
                </form>
            </div>
        </div>
    </div><!--End of div container -->
</body>
</html>
`;
}

// ---- interface/billing/billing_report.php (Billing Manager) ---------------------------------------------

/** One encounter: the left rowspan cell ($lhtml) and one row per billing line ($rhtml). */
function billingEncounter(encounter, index, { showUnits }) {
  const encId = `${encounter.pid}-${encounter.id}`;
  const bg = index & 1 ? 'var(--light)' : 'var(--gray300)';
  const name = `${encounter.patient.fname} ${encounter.patient.lname}`;
  const lhtml = `<span class='font-weight-bold' style='color: black'>${esc(name)}</span><span class=small>&nbsp;(${encounter.pid}-${encounter.id})</span><div class='button-group'><a class='btn btn-sm btn-primary' role='button'href='#'>Encounter ${esc(shortDate(encounter.date))}</a><a class='btn btn-sm btn-primary' role='button' href="#">Patient</a><a class='btn btn-sm btn-secondary' role='button' title='Click to add HCFA 1500 miscellaneous billing options'>MBO </a></div>&nbsp;&nbsp;&nbsp;<a class='small' id='aid_${index + 1}' href="JavaScript:void(0);">(<span id=spanid_${index + 1} class="indicator">Expand</span>)<br /></a><br />
&nbsp;<span class='form-group'>Bill: <select name='claims[${encId}][payer]' onchange='onNewPayer(event)' class='form-control'><option value="p${encounter.pid}" selected data-partner='1'>${esc(encounter.payer.type)}: ${esc(encounter.payer.name)}</option><option value='-1'>Unassigned</option>
</select>&nbsp;&nbsp;
&nbsp;<span class='form-group'>X12: <select class='form-control' id='partners' name='claims[${encId}][partner]'><option value='-1' label='Unassigned'>Partner not configured</option>
<option label="Clearinghouse" value="1"selected>Clearinghouse</option></select></span><br />
&nbsp;<div id='divid_${index + 1}' style='display:none'>${esc(shortDate(encounter.date))} 09:41 Encounter was coded</div>`;
  const provider = PROVIDERS[encounter.provider];
  const rows = [];
  let oldcode = '';
  encounter.billing.forEach((line, i) => {
    const js = (line.justify ?? '').split(':').filter(Boolean);
    const justify = line.code_type === 'ICD10' ? '' : js.map((j, n) => (n === 0 ? ` (<b>${esc(j)}</b>)` : ` (${esc(j)})`)).join('');
    const type = oldcode !== line.code_type ? `<span class='text'>${esc(line.code_type)}: </span>` : '';
    oldcode = line.code_type;
    const code = `${esc(line.code)}${line.modifier ? `:${esc(line.modifier)}` : ''}`;
    const fee = line.fee > 0 ? (line.fee).toFixed(2) : '';
    const units = showUnits ? `Units:${esc(line.units ?? 1)}` : '';
    const check = i === 0 ? `<td><input type='checkbox' value='0' name='claims[${encId}][bill]' onclick='set_button_states()' id='CheckBoxBilling${index}'>&nbsp;</td>\n` : '<td></td>\n';
    rows.push(
      `<td width='50'>${type}</td>\n<td><span class='text'>${code}</span><span style='font-size:8pt;'>${justify}</span></td>\n<td align="right"><span style="font-size:8pt;">&nbsp;&nbsp;&nbsp;${fee}</span></td>\n<td><span style="font-size:8pt; font-weight:900; background:#ffff9e">&nbsp;&nbsp;&nbsp;${esc(provider ? `${provider.fname} ${provider.lname}` : '')}</span></td>\n<td><span style="font-size:8pt;">&nbsp;&nbsp;&nbsp;${units}</span></td>\n<td width="100">&nbsp;&nbsp;&nbsp;<span style="font-size:8pt;">${esc(shortDate(encounter.date))}</span></td>\n<td></td>\n${check}`,
    );
  });
  const lcount = 3;
  while (rows.length < lcount) rows.push(`<td colspan='9'></td>`);
  const body = rows.map((r, i) => (i === 0 ? r : `<tr style='background-color: ${bg};'>\n${r}`)).join('</tr>\n');
  return `<tr style='background-color: ${bg};'><td colspan='9' height='5'></td></tr>
<tr style='background-color: ${bg};'>
<td class='align-top' rowspan='${rows.length}'>
${lhtml}</div></td>${body}</tr>

<tr style='background-color: ${bg};'><td colspan='9' height='5'></td></tr>

`;
}

export function billingReport(encounters, { showUnits = true } = {}) {
  return `<!DOCTYPE html>
<html>
${head('Billing Manager', { css: ['/assets/ehr.css', '/assets/openemr.css'] })}
<body>
    <div class="container-fluid mt-3">
        <div class="row"><div class="col-sm-12"><div class="page-title"><h2>Billing Manager <a class="oe-help-redirect" href="#" title="Click to view Help"><i class="fa fa-question-circle" aria-hidden="true"></i></a></h2></div></div></div>
        <form name='update_form' method='post' action='billing_process.php' onsubmit='return top.restoreSession()' style='display:inline'>
            <div class="table-responsive">
                <table class="table table-sm">
                    <tr>
                        <td class="text-right" colspan='9'>
                            <table>
                                <tr>
                                    <td id='expandAllCollapseAll'>
                                        <div class="btn-group">
                                            <button type="button" class="btn btn-primary btn-sm">(Expand All)</button>
                                            <button type="button" class="btn btn-primary btn-sm">(Collapse All)</button>
                                        </div>
                                    </td>
                                </tr>
                            </table>
                        </td>
                    </tr>

${encounters.map((e, i) => billingEncounter(e, i, { showUnits })).join('')}
                </table>
            </div>
        </form>
    </div>
</body>
</html>
`;
}

// ---- interface/patient_file/summary/demographics.php: the patient dashboard's insurance card ------------
// templates/patient/card/card_base.html.twig around templates/patient/card/insurance.html.twig.

/** The patient dashboard, as far as it matters here: the insurance card with the primary policy. */
export function dashboard(encounter) {
  const patient = encounter.patient;
  const payer = encounter.payer;
  const insurer = INSURERS[payer.name] ?? { line1: '100 Main St', city: 'Hartford', state: 'CT', postal: '06101' };
  return `<!DOCTYPE html>
<html>
${head('Dashboard', { css: ['/assets/ehr.css', '/assets/openemr.css'] })}
<body class="body_top patient-demographics">
<div id="container_div" class="container-fluid">
<h2>Medical Record Dashboard - ${esc(`${patient.fname} ${patient.lname}`)}</h2>
<section class="card mb-2">
    <div class="card-body p-1">
        <h6 class="card-title mb-0 d-flex p-1 justify-content-between">
            <a class="text-start fw-bolder" href="#" data-bs-toggle="collapse" data-bs-target="#insurance_ps_expand" aria-expanded="true" aria-controls="insurance_ps_expand">Insurance<i class="ms-1 fa fa-fw  fa-compress " data-bs-target="#insurance_ps_expand"></i></a>
        </h6>
        <div id="insurance_ps_expand" class="card-text collapse show">
            <div class="clearfix pt-2">
<ul class="nav nav-tabs mb-2 insurance-nav-tabs">
    <li class="nav-item" role="presentation">
        <a data-type="primary" href="#primary" id="primary-tab" data-toggle="tab" role="tab" aria-controls="primary" aria-selected="true" class="nav-link active">Primary</a>
    <li class="nav-item" role="presentation">
        <a id='eligibility-tab' class="nav-link" href='#eligibility' data-toggle="tab" aria-controls="eligibility" role="tab" aria-selected="false">Eligibility</a>
    </li>
</ul>
<div class="tab-content px-1">
<div class="tab-pane active" id="primary" role="tabpanel" aria-labelledby="primary-tab">
        <div class="tab-pagination-pane " id="primary-1">
            <div class="text-primary pb-2 pt-1">
                Primary Insurance
                until Present
            </div>
            <div class="d-flex justify-content-between">
                <div class="insurer">
                        <em>Insurer</em>
                        <address>
                            <strong>${esc(payer.name)}</strong><br>
                            ${esc(insurer.line1)}<br>
                            ${esc(insurer.city)} ${esc(insurer.state)}, ${esc(insurer.postal)}
                        </address>
                </div>
                <div class="subscriber">
                    <em>Subscriber</em>
                    <address class="mb-1">
                        <strong>${esc(`${patient.fname} ${patient.lname}`)} (Self)</strong><br>
                    </address>
                </div>
            </div>
            <div class="d-flex justify-content-between policy-details pt-2">
                <div class="list-group list-group-flush flex-fill mr-4">
                    <div class="list-group-item d-flex justify-content-between p-1"><strong>Policy Number:</strong> <span class="text-right text-monospace">${esc(encounter.policy ?? 'W000000')}</span></div>
                </div>
                <div class="list-group list-group-flush flex-fill">
                    <div class="list-group-item d-flex justify-content-between p-1"><strong>Accepts Assignment:</strong> <span class="text-right">Yes</span></div>
                </div>
            </div>
        </div>
    </div>
    <div class="tab-pane" id="eligibility" role="tabpanel" aria-labelledby="eligibility-tab"></div>
</div>
            </div>
        </div>
    </div>
</section>
</div>
</body>
</html>
`;
}

/** Insurance company addresses (insurance_companies rows), invented. */
const INSURERS = {
  'Aetna Choice POS II': { line1: '151 Farmington Ave', city: 'Hartford', state: 'CT', postal: '06156' },
  'Medicare Part B': { line1: 'PO Box 6703', city: 'Fargo', state: 'ND', postal: '58108' },
  'UnitedHealthcare Choice Plus': { line1: 'PO Box 740800', city: 'Atlanta', state: 'GA', postal: '30374' },
};

