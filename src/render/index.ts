export { renderHtml, DEFAULT_MAX_BYTES, type HtmlOptions } from './html.js';
export { renderJson } from './json.js';
export { renderMarkdown } from './markdown.js';
export { renderTerminal, type TerminalOptions } from './terminal.js';
