/**
 * The live job: every recorded input of the rule table taken afresh on this
 * machine, each rule judged on it as on its recording (cases.ts). Run one
 * rule at a time under the shared lock (-t 'cpu-load'); with SITREP_RECORD=1
 * it rewrites the recordings it took (test/recordings/README.md).
 */
import { runRuleCases } from './rule-tester.js';
import { CASES } from './cases.js';

runRuleCases(CASES, 'live');
