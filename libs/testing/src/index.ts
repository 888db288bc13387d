// Test harnesses around real components, shared by the backend's integration tests and the
// browser tests (neither project may reach into the other's files).
export * from './dns-server';
