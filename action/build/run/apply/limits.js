// The defaults of the removal budgets, apart from the policy so the command line can name them
// without loading anything else.
/** Deletes and replaces one apply may make unless raised: a mass removal needs saying so. */
export const DEFAULT_MAX_DELETE = 25;
/** Members one apply may remove unless raised: a mass removal needs saying so. */
export const DEFAULT_MAX_MEMBER_REMOVALS = 25;
/** Users whose preferred role one apply may change unless allowed: a mass change of credentials needs saying so. */
export const DEFAULT_MAX_ROLE_CHANGES = 25;
