// Which roles `settings.sensitiveRoles` names: exact ARNs, or patterns where `*` stands for any text. Pure.

/** Whether a role ARN is one the patterns name. */
export function isSensitiveRole(roleArn: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => patternRegExp(p).test(roleArn));
}

function patternRegExp(pattern: string): RegExp {
  const body = pattern.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('.*');
  return new RegExp(`^${body}$`, 'su');
}
