export * from './rules.ts';
export * from './case-references.ts';
export * from './route-message.ts';
