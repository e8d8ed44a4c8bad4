// What Cognito answers, checked before anything believes it: a listing that is not a list, a group
// without a proper name, a Precedence that is a string. Such an answer would otherwise become a
// plan (a permanent spurious update, or every group "missing"), so it is refused with one line.
import { CgError } from '../../core/errors.js';
import { normalFields } from '../../core/plan/fields.js';
import type { ObservedGroup } from '../../core/plan/model.js';

const NAME = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u;

/** A ListGroups or GetGroup answer that is not what Cognito sends. */
export function badAnswer(where: string, why: string): CgError {
  return new CgError('AWS_BAD_RESPONSE', `${where}: the answer is not Cognito's (${why}); check --endpoint-url or any proxy in between`);
}

/** A page of ListGroups as the port returns it, or AWS_BAD_RESPONSE naming what is wrong. */
export function groupPageOf(out: Record<string, unknown>, where: string): { groups: ObservedGroup[]; nextToken?: string } {
  const groups = out.Groups;
  if (!Array.isArray(groups)) throw badAnswer(where, 'no Groups list');
  const token = out.NextToken;
  if (token !== undefined && token !== null && typeof token !== 'string') throw badAnswer(where, 'NextToken is not a string');
  const page = groups.map((g, i) => groupOf(g, where, `Groups[${i}]`));
  return typeof token === 'string' && token !== '' ? { groups: page, nextToken: token } : { groups: page };
}

/** One group of an answer, its fields checked as Cognito's model defines them. */
export function groupOf(g: unknown, where: string, path: string): ObservedGroup {
  if (typeof g !== 'object' || g === null || Array.isArray(g)) throw badAnswer(where, `${path} is not a group`);
  const o = g as Record<string, unknown>;
  const name = o.GroupName;
  if (typeof name !== 'string' || name.length === 0 || !NAME.test(name)) throw badAnswer(where, `${path}.GroupName is not a group name: ${shown(name)}`);
  const field = (key: string, ok: (v: unknown) => boolean, what: string): unknown => {
    const v = o[key];
    if (v === undefined || v === null) return undefined;
    if (!ok(v)) throw badAnswer(where, `${path}.${key} of ${JSON.stringify(name)} is not ${what}: ${shown(v)}`);
    return v;
  };
  const description = field('Description', (v) => typeof v === 'string', 'a string') as string | undefined;
  const precedence = field('Precedence', (v) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 2147483647, 'an integer from 0 to 2147483647') as number | undefined;
  const roleArn = field('RoleArn', (v) => typeof v === 'string', 'a string') as string | undefined;
  return { name, ...normalFields({ ...(description === undefined ? {} : { description }), ...(precedence === undefined ? {} : { precedence }), ...(roleArn === undefined ? {} : { roleArn }) }) };
}

function shown(v: unknown): string {
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** A page of ListUsersInGroup: the members' usernames, or AWS_BAD_RESPONSE. */
export function memberPageOf(out: Record<string, unknown>, where: string): { usernames: string[]; nextToken?: string } {
  const users = out.Users;
  if (!Array.isArray(users)) throw badAnswer(where, 'no Users list');
  const token = out.NextToken;
  if (token !== undefined && token !== null && typeof token !== 'string') throw badAnswer(where, 'NextToken is not a string');
  const usernames = users.map((u, i) => {
    const name = typeof u === 'object' && u !== null ? (u as Record<string, unknown>).Username : undefined;
    if (typeof name !== 'string' || name.length === 0) throw badAnswer(where, `Users[${i}].Username is not a username: ${shown(name)}`);
    return name;
  });
  return typeof token === 'string' && token !== '' ? { usernames, nextToken: token } : { usernames };
}

/** The canonical username in an AdminGetUser answer, or AWS_BAD_RESPONSE. */
export function usernameOf(out: Record<string, unknown>, where: string): string {
  const name = out.Username;
  if (typeof name !== 'string' || name.length === 0) throw badAnswer(where, `Username is not a username: ${shown(name)}`);
  return name;
}

/** A page of AdminListGroupsForUser: the names of the user's groups, or AWS_BAD_RESPONSE. */
export function userGroupsPageOf(out: Record<string, unknown>, where: string): { groups: string[]; nextToken?: string } {
  const page = groupPageOf(out, where);
  return { groups: page.groups.map((g) => g.name), ...(page.nextToken === undefined ? {} : { nextToken: page.nextToken }) };
}

/** What the tool needs of a DescribeUserPool answer. */
export function poolSettingsOf(out: Record<string, unknown>, where: string): { caseSensitiveUsernames: boolean; preTokenTrigger?: string } {
  const pool = out.UserPool;
  if (typeof pool !== 'object' || pool === null) throw badAnswer(where, 'no UserPool');
  const config = (pool as Record<string, unknown>).UsernameConfiguration;
  const sensitive = typeof config === 'object' && config !== null ? (config as Record<string, unknown>).CaseSensitive : undefined;
  const trigger = preTokenTriggerOf((pool as Record<string, unknown>).LambdaConfig, where);
  // Pools created before the setting existed compare usernames with case.
  return { caseSensitiveUsernames: sensitive === undefined || sensitive === null ? true : sensitive === true, ...(trigger === undefined ? {} : { preTokenTrigger: trigger }) };
}

/** The pre token generation Lambda of a pool's LambdaConfig: the V2/V3 config's LambdaArn, else the V1 PreTokenGeneration. */
function preTokenTriggerOf(config: unknown, where: string): string | undefined {
  if (config === undefined || config === null) return undefined;
  if (typeof config !== 'object' || Array.isArray(config)) throw badAnswer(where, 'LambdaConfig is not an object');
  const c = config as Record<string, unknown>;
  const v2 = c.PreTokenGenerationConfig;
  const arn = typeof v2 === 'object' && v2 !== null ? (v2 as Record<string, unknown>).LambdaArn : undefined;
  const chosen = arn ?? c.PreTokenGeneration;
  if (chosen === undefined || chosen === null) return undefined;
  if (typeof chosen !== 'string' || chosen === '') throw badAnswer(where, `the pre token generation trigger is not an ARN: ${shown(chosen)}`);
  return chosen;
}
