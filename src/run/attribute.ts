// Who made the drift: reads CloudTrail's event history for the differences a drift report found
// (one event name per call, the last 90 days, 50 a page, paced at 2/s per region) and matches the
// records to them; membership records are matched by the user's sub, looked up with AdminGetUser.
// Attribution never fails the drift: a denied or failed lookup is said in the report instead.
import { attributionOf, attributionTargets, eventNamesOf, isAbout, type AttributedChange, type AttributionTarget, type TrailRecord } from '../core/drift/attribution.js';
import type { DriftReport } from '../core/drift/model.js';
import { CgError, messageOf } from '../core/errors.js';
import type { UserSubs } from '../edge/cognito/port.js';
import { TRAIL_DAYS, type TrailApi } from '../edge/cloudtrail/port.js';
import { openSession, type SessionOptions } from './session.js';

/** Pages read per event name and region at most (50 events each): the newest 1,000 events. */
export const MAX_TRAIL_PAGES = 20;

/** What attribution reads through. */
export interface AttributionSources {
  trail: TrailApi;
  subs: UserSubs;
  /** The end of the window; its start is 90 days before. */
  now: Date;
}

/** The report with each pool's differences attributed (pools without differences get an empty list). */
export async function attributeDrift(report: DriftReport, sources: AttributionSources): Promise<DriftReport> {
  const targets = attributionTargets(report);
  const subs = await subsOf(targets, sources.subs);
  const regions = [...new Set(targets.map((t) => t.region))];
  const found = new Map<AttributionTarget, AttributedChange['attribution']>();
  await Promise.all(
    regions.map(async (region) => {
      const here = targets.filter((t) => t.region === region);
      const outcome = await readRegion(region, here, subs, sources);
      for (const t of here) {
        const sub = t.username === undefined ? undefined : subs.get(subKey(t.poolId, t.username));
        if ((t.subject === 'member-added' || t.subject === 'member-removed') && sub === undefined && outcome.failure === undefined) {
          found.set(t, { status: 'unavailable', reason: 'the user is not in the pool, so its sub (which CloudTrail names users by) is unknown' });
          continue;
        }
        if (outcome.failure !== undefined) {
          found.set(t, outcome.failure);
          continue;
        }
        const about = outcome.records.filter((r) => isAbout(r, t, sub)).sort((a, b) => (a.time < b.time ? 1 : a.time > b.time ? -1 : 0));
        const attribution = attributionOf(t, about);
        found.set(t, attribution.status === 'none' && outcome.cut.has(t) ? { status: 'unavailable', reason: `not among the newest ${MAX_TRAIL_PAGES * 50} records of its kind` } : attribution);
      }
    }),
  );
  return {
    pools: report.pools.map((p) => ({
      ...p,
      attributions: targets
        .filter((t) => t.poolId === p.userPoolId)
        .map((t) => ({ group: t.group, subject: t.subject, ...(t.username === undefined ? {} : { username: t.username }), attribution: found.get(t) ?? { status: 'none' } })),
    })),
  };
}

function subKey(poolId: string, username: string): string {
  return `${poolId}\u0000${username}`;
}

/** The sub of every user a membership difference names (undefined for a user the pool does not have). */
async function subsOf(targets: readonly AttributionTarget[], lookup: UserSubs): Promise<Map<string, string | undefined>> {
  const out = new Map<string, string | undefined>();
  const users = new Map<string, { id: string; region: string; username: string }>();
  for (const t of targets) if (t.username !== undefined) users.set(subKey(t.poolId, t.username), { id: t.poolId, region: t.region, username: t.username });
  await Promise.all(
    [...users].map(async ([key, u]) => {
      try {
        out.set(key, await lookup.userSub({ id: u.id, region: u.region }, u.username));
      } catch {
        out.set(key, undefined);
      }
    }),
  );
  return out;
}

interface RegionOutcome {
  records: TrailRecord[];
  /** Targets whose event names were not read to the end of the window. */
  cut: Set<AttributionTarget>;
  /** Set when the region's history could not be read: every target gets it. */
  failure?: AttributedChange['attribution'];
}

/**
 * Reads, for each event name the region's targets need, pages newest first until every target that
 * name can be about has a record of it (the newest is then known), the window ends, or the page limit.
 */
async function readRegion(region: string, targets: readonly AttributionTarget[], subs: Map<string, string | undefined>, sources: AttributionSources): Promise<RegionOutcome> {
  const names = [...new Set(targets.flatMap((t) => [...eventNamesOf(t.subject).explain, ...eventNamesOf(t.subject).contradict]))].sort();
  const start = new Date(sources.now.getTime() - TRAIL_DAYS * 86_400_000);
  const records: TrailRecord[] = [];
  const cut = new Set<AttributionTarget>();
  const subOf = (t: AttributionTarget): string | undefined => (t.username === undefined ? undefined : subs.get(subKey(t.poolId, t.username)));
  try {
    for (const eventName of names) {
      const waiting = new Set(targets.filter((t) => [...eventNamesOf(t.subject).explain, ...eventNamesOf(t.subject).contradict].includes(eventName)));
      let token: string | undefined;
      let pages = 0;
      do {
        const page = await sources.trail.lookupEvents({ region, eventName, start, end: sources.now, ...(token === undefined ? {} : { nextToken: token }) });
        pages++;
        for (const r of page.records) {
          if (!targets.some((t) => isAbout(r, t, subOf(t)))) continue;
          records.push(r);
          for (const t of waiting) if (isAbout(r, t, subOf(t))) waiting.delete(t);
        }
        token = page.nextToken;
      } while (token !== undefined && waiting.size > 0 && pages < MAX_TRAIL_PAGES);
      if (token !== undefined && waiting.size > 0) for (const t of waiting) cut.add(t);
    }
  } catch (err) {
    if (err instanceof CgError && err.code === 'INTERRUPTED') throw err;
    if (err instanceof CgError && err.code === 'AWS_ACCESS_DENIED') return { records, cut, failure: { status: 'not-allowed' } };
    return { records, cut, failure: { status: 'unavailable', reason: messageOf(err) } };
  }
  return { records, cut };
}

/**
 * Attributes a drift report's differences through a session of its own (the plan's is closed by
 * then): the same target, credentials and rates. A caller's own `api` without a `trailApi` cannot
 * read CloudTrail: the report is returned as it is.
 */
export async function attributeWithSession(report: DriftReport, options: SessionOptions, fileMaxRps?: number, now: Date = new Date()): Promise<DriftReport> {
  if (attributionTargets(report).length === 0) return { pools: report.pools.map((p) => ({ ...p, attributions: [] })) };
  const session = openSession(options, fileMaxRps);
  try {
    if (session.trail === undefined) return report;
    return await attributeDrift(report, { trail: session.trail, subs: session.api, now });
  } finally {
    session.close();
  }
}
