import { ATTRIBUTE_NAME, ATTRIBUTE_VALUE, checkString } from './validation.js';
/** The standard attributes of every user pool (OpenID Connect claims), sub aside. */
const STANDARD_ATTRIBUTES = new Set([
    'address',
    'birthdate',
    'email',
    'email_verified',
    'family_name',
    'gender',
    'given_name',
    'locale',
    'middle_name',
    'name',
    'nickname',
    'phone_number',
    'phone_number_verified',
    'picture',
    'preferred_username',
    'profile',
    'updated_at',
    'website',
    'zoneinfo',
]);
/** Constraint problems, named by AWS's member paths (`userAttributes.1.member.name`, 1-based). */
export function checkAttributeConstraints(attributes, member = 'userAttributes') {
    return (attributes ?? []).flatMap((a, i) => [
        ...checkString(`${member}.${i + 1}.member.name`, a.Name, ATTRIBUTE_NAME, true),
        ...checkString(`${member}.${i + 1}.member.value`, a.Value, ATTRIBUTE_VALUE),
    ]);
}
/** The schema problem of attributes that meet their constraints, or undefined when they fit. */
export function schemaProblem(attributes) {
    const problems = [];
    for (const a of attributes ?? []) {
        const name = a.Name ?? '';
        if (name === 'sub')
            problems.push('sub: Attribute cannot be written.');
        else if (!STANDARD_ATTRIBUTES.has(name) && !name.startsWith('custom:'))
            problems.push(`${name}: Attribute does not exist in the schema.`);
    }
    return problems.length === 0 ? undefined : `Attributes did not conform to the schema: ${problems.join('\n')}\n`;
}
/** The attributes to store; a name given twice keeps its last value. */
export function toUserAttributes(attributes) {
    const byName = new Map();
    for (const a of attributes ?? [])
        byName.set(a.Name ?? '', a.Value ?? '');
    return [...byName].map(([name, value]) => ({ name, value }));
}
