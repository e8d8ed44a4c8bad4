// An emulator of the Cognito user-pool group API for tests and benchmarks: real AWS JSON 1.1 on
// 127.0.0.1, documented quotas, injectable faults, statistics, and optional durable state.
export { startEmulator } from './server.js';
export type {
  EmulatorOptions,
  QuotaOptions,
  RunningEmulator,
  SeedGroup,
  ProviderGroupFields,
  UserPoolOptions,
  UserPoolSummary,
  IdentityPoolOptions,
  IdentityPoolProvider,
  IdentityPoolRoles,
} from './server.js';
export type { SeedUser, SeedUsersOptions } from './seeding.js';
export type { FaultOptions } from './faults.js';
export type { AccessOptions, DenyRule } from './access.js';
export { checkPolicyDocument } from './access.js';
export type { PolicyDocument, PolicyStatement } from './policy.js';
export type { EmulatorStats, OperationStats } from './stats.js';
export type { QuotaCategory } from './quotas.js';
export { DOCUMENTED_RATES } from './quotas.js';
export { DEFAULT_LIST_GROUPS_LIMIT } from './operations.js';
export { DEFAULT_LIST_USERS_LIMIT, FILTER_SCAN_PER_PAGE } from './user-operations.js';
export { DEFAULT_MEMBERS_LIMIT } from './member-operations.js';
export { MAX_GROUPS_PER_USER } from './members.js';
