export * from './lib/roles';
export * from './lib/permissions';
export * from './lib/api-types';
export * from './lib/api-paths';
export * from './lib/password-policy';
export * from './lib/plans';
export * from './lib/clients-api';
