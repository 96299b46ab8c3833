// Every vocabulary file, listed so the bundler includes it; test/engine/data.test.ts checks none is missing.
import activeTherapy from './active-therapy.json';
import assistant from './assistant.json';
import bodyRegion from './body-region.json';
import comfort from './comfort.json';
import distinctService from './distinct-service.json';
import functional from './functional.json';
import goalLanguage from './goal-language.json';
import historicalPost from './historical-post.json';
import historical from './historical.json';
import home from './home.json';
import hypotheticalPost from './hypothetical-post.json';
import hypothetical from './hypothetical.json';
import maintenance from './maintenance.json';
import manualTherapy from './manual-therapy.json';
import massageService from './massage-service.json';
import massageTechnique from './massage-technique.json';
import negationPost from './negation-post.json';
import negationPre from './negation-pre.json';
import nonTherapyProvider from './non-therapy-provider.json';
import objectiveFindings from './objective-findings.json';
import outcomeMeasures from './outcome-measures.json';
import phase from './phase.json';
import planOfCare from './plan-of-care.json';
import regionReference from './region-reference.json';
import reportedSpeech from './reported-speech.json';
import response from './response.json';
import rolePost from './role-post.json';
import rolePre from './role-pre.json';
import scopeTerminator from './scope-terminator.json';
import sessionReference from './session-reference.json';
import skilledNeed from './skilled-need.json';
import toleranceOnly from './tolerance-only.json';
import type { LexiconData } from '../../chart/lexicon';

export const LEXICONS: readonly LexiconData[] = [
  activeTherapy,
  assistant,
  bodyRegion,
  comfort,
  distinctService,
  functional,
  goalLanguage,
  historicalPost,
  historical,
  home,
  hypotheticalPost,
  hypothetical,
  maintenance,
  manualTherapy,
  massageService,
  massageTechnique,
  negationPost,
  negationPre,
  nonTherapyProvider,
  objectiveFindings,
  outcomeMeasures,
  phase,
  planOfCare,
  regionReference,
  reportedSpeech,
  response,
  rolePost,
  rolePre,
  scopeTerminator,
  sessionReference,
  skilledNeed,
  toleranceOnly,
];
