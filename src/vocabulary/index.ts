export * from './types.js';
export * from './orders.js';
export * from './format.js';
