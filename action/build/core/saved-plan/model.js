/** The version of the plan document; bumped on any incompatible change. */
export const PLAN_FORMAT_VERSION = 5;
