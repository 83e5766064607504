/** Every rule against its real firing and non-firing inputs (test/rules/cases.ts). */
import { runRuleCases } from './rule-tester.js';
import { CASES } from './cases.js';

runRuleCases(CASES);
