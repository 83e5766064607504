import { stubCommandParser } from '../stub.js';

export const procFileNr = stubCommandParser('proc-file-nr', ['proc-file-nr', 'file-nr']);
