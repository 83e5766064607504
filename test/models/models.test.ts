/** The live job of the model tests: the recorded windows taken afresh on this machine (model-cases.ts). */
import { describeModels } from './model-cases.js';

describeModels('live');
