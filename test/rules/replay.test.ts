/** Every rule against its recorded firing and non-firing inputs (cases.ts, test/recordings). */
import { runRuleCases } from './rule-tester.js';
import { CASES } from './cases.js';

runRuleCases(CASES, 'replay');
