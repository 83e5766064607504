/**
 * Every sitrep command, in the order `sitrep --help` lists them. A new
 * command is one module in this folder and one entry here.
 */
import { analyzeCommand } from './analyze.js';
import { captureScriptCommand } from './capture-script.js';
import { exportCommand } from './export.js';
import { inspectCommand } from './inspect.js';
import { parseCommand } from './parse.js';
import { redactCommand } from './redact.js';

export const COMMANDS = [analyzeCommand, inspectCommand, parseCommand, redactCommand, exportCommand, captureScriptCommand] as const;

export const COMMAND_NAMES = 'analyze, inspect, parse, redact, export or capture-script';
