import { daysBetween } from '../config/acknowledgements.js';
import type { Acknowledgement, DesiredConfig } from '../config/model.js';
import { undoneBy } from '../access/drift.js';
import { assertNever } from '../errors.js';
import type { GroupChange, Plan, PoolPlan } from '../plan/model.js';
import type { AcknowledgedDifference, DriftedGroup, DriftReport, PoolDrift, ProviderGroupReport, StaleAcknowledgement } from './model.js';

/** What acknowledgements are read from: the file's groups, and today's date (YYYY-MM-DD, UTC) read by the caller. */
export interface Acknowledging {
  config: DesiredConfig;
  today: string;
}

/**
 * Drift is the plan read as a report: what differs, what is missing, what nobody manages. With the
 * file's acknowledgements, a difference one covers until a later date is listed apart (not drift);
 * one whose date has come stays drift and says its acknowledgement ended; one that covers nothing is stale. Pure.
 */
export function driftOf(plan: Plan, acknowledging?: Acknowledging): DriftReport {
  const pools = plan.pools.map((pool) => poolDrift(pool, acknowledging === undefined ? undefined : ackLookup(acknowledging, pool.userPoolId), acknowledging?.today ?? ''));
  const roleWarnings = plan.credentials?.checked === true ? plan.credentials.roleWarnings : [];
  return { pools, ...(roleWarnings.length === 0 ? {} : { roleWarnings }) };
}

/** The acknowledgements of a pool's groups, by the file's group name. */
type AckLookup = Map<string, readonly Acknowledgement[]>;

function ackLookup(acknowledging: Acknowledging, poolId: string): AckLookup {
  const pool = acknowledging.config.userPools.find((p) => p.id === poolId);
  return new Map((pool?.groups ?? []).filter((g) => g.acknowledge !== undefined).map((g) => [g.name, g.acknowledge ?? []]));
}

function poolDrift(pool: PoolPlan, acks: AckLookup | undefined, today: string): PoolDrift {
  const drift: PoolDrift = { userPoolId: pool.userPoolId, region: pool.region, listed: pool.listed, drifted: [], missing: [], unmanaged: [], toDelete: [], providerGroups: [], orphanHolds: [...(pool.orphanHolds ?? [])], acknowledged: [], staleAcknowledgements: [] };
  const used = new Set<string>();
  for (const c of pool.changes) {
    switch (c.action) {
      case 'create':
        // A group whose members a stopped run holds is missing all the same; apply creates it and puts them back.
        drift.missing.push(c.name);
        if (c.previouslyMissing !== undefined) (drift.previouslyMissing ??= []).push({ name: c.name, previously: [...c.previouslyMissing] });
        break;
      case 'update':
      case 'replace':
      case 'rename':
      case 'restore': {
        const group = acknowledge(drifted(c), acks?.get(c.name) ?? [], today, drift.acknowledged, used);
        if (group !== undefined) drift.drifted.push(group);
        break;
      }
      case 'delete':
        drift.toDelete.push(c.name);
        if (c.memberCount !== undefined) drift.toDeleteMembers = { ...drift.toDeleteMembers, [c.name]: c.memberCount };
        break;
      default:
        assertNever(c);
    }
  }
  if (pool.access?.checked === true && pool.access.transitions.length > 0) {
    drift.access = { transitions: undoneBy(pool.access.transitions), ...(pool.access.trigger === undefined ? {} : { trigger: pool.access.trigger }) };
  }
  for (const g of pool.unmanaged) {
    const { provider, alert, ...group } = g;
    if (!provider) drift.unmanaged.push(group);
    else drift.providerGroups.push({ ...group, ...(alert === undefined ? {} : { alert }) } satisfies ProviderGroupReport);
  }
  for (const [name, list] of acks ?? []) {
    for (const a of list) if (!used.has(`${name}\u0000${a.field}`)) drift.staleAcknowledgements.push({ name, field: a.field, reason: a.reason, until: a.until, ended: daysBetween(today, a.until) <= 0 } satisfies StaleAcknowledgement);
  }
  drift.acknowledged.sort(byGroupAndField);
  drift.staleAcknowledgements.sort(byGroupAndField);
  return drift;
}

/** A change to an existing group as drift: every difference, before acknowledgements. */
function drifted(c: Exclude<GroupChange, { action: 'create' | 'delete' }>): DriftedGroup {
  const members = c.members === undefined ? {} : { members: { missing: [...c.members.add], unexpected: [...c.members.remove] } };
  if (c.action === 'restore') return { name: c.name, fix: 'restore', fields: [], heldIn: c.hold.group, ...members };
  return {
    name: c.name,
    fix: c.action,
    fields: c.fields.map((f) => ({ field: f.field, expected: f.after, actual: f.before })),
    ...(c.action !== 'update' && c.previousName !== c.name ? { actualName: c.previousName } : {}),
    ...(c.memberCount === undefined ? {} : { memberCount: c.memberCount }),
    ...(c.action !== 'rename' && c.hold?.resuming === true ? { heldIn: c.hold.group } : {}),
    ...members,
  };
}

/**
 * Takes the differences the group's acknowledgements cover within their date out of the drifted
 * group (into `acknowledged`), and notes those whose date has come; undefined when nothing is left.
 */
function acknowledge(group: DriftedGroup, acks: readonly Acknowledgement[], today: string, acknowledged: AcknowledgedDifference[], used: Set<string>): DriftedGroup | undefined {
  if (acks.length === 0) return group;
  const expired: NonNullable<DriftedGroup['expired']> = [];
  const ackFor = (field: Acknowledgement['field']): Acknowledgement | undefined => {
    const a = acks.find((x) => x.field === field);
    if (a === undefined) return undefined;
    used.add(`${group.name}\u0000${field}`);
    const daysLeft = daysBetween(today, a.until);
    if (daysLeft > 0) return a;
    expired.push({ field, reason: a.reason, until: a.until });
    return undefined;
  };
  const fields = group.fields.filter((f) => {
    const a = ackFor(f.field);
    if (a === undefined) return true;
    acknowledged.push({ name: group.name, field: f.field, reason: a.reason, until: a.until, daysLeft: daysBetween(today, a.until), expected: f.expected, actual: f.actual });
    return false;
  });
  let members = group.members;
  if (members !== undefined && members.missing.length + members.unexpected.length > 0) {
    const a = ackFor('members');
    if (a !== undefined) {
      acknowledged.push({ name: group.name, field: 'members', reason: a.reason, until: a.until, daysLeft: daysBetween(today, a.until), members: { missing: [...members.missing], unexpected: [...members.unexpected] } });
      members = undefined;
    }
  }
  const { members: _members, ...rest } = group;
  const left: DriftedGroup = { ...rest, fields, ...(members === undefined ? {} : { members }), ...(expired.length === 0 ? {} : { expired }) };
  const differs = left.fields.length > 0 || left.actualName !== undefined || left.heldIn !== undefined || (left.members !== undefined && left.members.missing.length + left.members.unexpected.length > 0);
  return differs ? left : undefined;
}

function byGroupAndField(a: { name: string; field: string }, b: { name: string; field: string }): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : a.field < b.field ? -1 : a.field > b.field ? 1 : 0;
}
