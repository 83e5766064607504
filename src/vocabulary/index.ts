export * from './types.js';
export * from './orders.js';
