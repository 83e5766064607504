/** Models from the recorded real windows (model-cases.ts, test/recordings). */
import { describeModels } from './model-cases.js';

describeModels('replay');
