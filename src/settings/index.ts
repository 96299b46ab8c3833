// The one settings model (see ./model.ts for the map of this folder).
export * from './defaults';
export * from './ids';
export * from './locks';
export * from './model';
export * from './policy';
export * from './resolve';
export * from './rule-options';
export * from './user';
