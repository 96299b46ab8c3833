// The rule registry: every file in this folder, in the order findings are produced.
// test/engine/rules/registry.test.ts fails if a rule file is not listed here.
import comfortWording from './comfort-wording';
import maintenanceLanguage from './maintenance-language';
import objectiveFindings from './objective-findings';
import functionalGoal from './functional-goal';
import treatmentResponse from './treatment-response';
import techniqueAndRegion from './technique-and-region';
import codeSelection from './code-selection';
import minutesMissing from './minutes-missing';
import unitsMinutes from './units-minutes';
import timeTotals from './time-totals';
import ptpModifier from './ptp-modifier';
import modifier59Support from './modifier-59-support';
import disciplineModifier from './discipline-modifier';
import assistantModifier from './assistant-modifier';
import standaloneMassage from './standalone-massage';
import providerEligibility from './provider-eligibility';
import planOfCare from './plan-of-care';
import episodeDuration from './episode-duration';
import massageUnits from './massage-units';
import diagnosisLink from './diagnosis-link';
import type { Rule } from '../types';

export const RULES: readonly Rule[] = [
  comfortWording,
  maintenanceLanguage,
  objectiveFindings,
  functionalGoal,
  treatmentResponse,
  techniqueAndRegion,
  codeSelection,
  minutesMissing,
  unitsMinutes,
  timeTotals,
  ptpModifier,
  modifier59Support,
  disciplineModifier,
  assistantModifier,
  standaloneMassage,
  providerEligibility,
  planOfCare,
  episodeDuration,
  massageUnits,
  diagnosisLink,
];
