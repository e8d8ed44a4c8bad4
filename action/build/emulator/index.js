// An emulator of the Cognito user-pool group API for tests and benchmarks: real AWS JSON 1.1 on
// 127.0.0.1, documented quotas, injectable faults, statistics, and optional durable state.
export { startEmulator } from './server.js';
export { checkPolicyDocument } from './access.js';
export { DOCUMENTED_RATES } from './quotas.js';
export { DEFAULT_LIST_GROUPS_LIMIT } from './operations.js';
export { DEFAULT_LIST_USERS_LIMIT, FILTER_SCAN_PER_PAGE } from './user-operations.js';
export { DEFAULT_MEMBERS_LIMIT } from './member-operations.js';
export { MAX_GROUPS_PER_USER } from './members.js';
