// Which roles `settings.sensitiveRoles` names: exact ARNs, or patterns where `*` stands for any text. Pure.
/** Whether a role ARN is one the patterns name. */
export function isSensitiveRole(roleArn, patterns) {
    return patterns.some((p) => patternRegExp(p).test(roleArn));
}
function patternRegExp(pattern) {
    const body = pattern.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('.*');
    return new RegExp(`^${body}$`, 'su');
}
