import { compareNames, nameKey } from '../config/names.js';
import { changeJson, groupJson, unmanagedJson } from '../plan/canonical.js';
import type { GroupChange, ObservedGroup, Plan } from '../plan/model.js';
import { countPlan, summaryLine } from '../plan/summary.js';
import { listingDigest, sha256 } from './digest.js';
import { PLAN_FORMAT_VERSION, type PlanDocument, type PlanDocumentPool } from './model.js';

/** What a plan document records besides the plan. */
export interface PlanMeta {
  toolVersion: string;
  createdAt: Date;
  desiredFile: { path: string; text: string };
  target: PlanDocument['target'];
  endpoint?: string;
  settings?: PlanDocument['settings'];
}

/** The names (case-folded) a change touches: its own, and for a replace the name the pool has. */
export function touchedKeys(pool: { changes: readonly GroupChange[] }): Set<string> {
  const keys = new Set<string>();
  for (const c of pool.changes) {
    keys.add(nameKey(c.name));
    if (c.action === 'replace') keys.add(nameKey(c.previousName));
  }
  return keys;
}

/** Builds the versioned, checksummed plan document. */
export function buildPlanDocument(plan: Plan, observed: Map<string, ObservedGroup[]>, meta: PlanMeta): PlanDocument {
  const pools: PlanDocumentPool[] = plan.pools.map((pool) => {
    const listing = observed.get(pool.userPoolId) ?? [];
    return {
      userPoolId: pool.userPoolId,
      region: pool.region,
      listed: pool.listed,
      listingDigest: listingDigest(listing),
      observed: [...listing].sort((a, b) => compareNames(a.name, b.name)).map(groupJson),
      changes: pool.changes.map(changeJson),
      unchanged: [...pool.unchanged],
      unmanaged: pool.unmanaged.map(unmanagedJson),
      ...(pool.lookalikes === undefined ? {} : { lookalikes: pool.lookalikes.map((l) => ({ inFile: l.inFile, inPool: l.inPool })) }),
    };
  });
  const body: Omit<PlanDocument, 'checksum'> = {
    formatVersion: PLAN_FORMAT_VERSION,
    kind: 'cognito-groups-plan',
    toolVersion: meta.toolVersion,
    createdAt: meta.createdAt.toISOString(),
    desiredFile: { path: meta.desiredFile.path, sha256: sha256(meta.desiredFile.text) },
    target: meta.target,
    ...(meta.endpoint === undefined ? {} : { endpoint: meta.endpoint }),
    settings: meta.settings?.maxRps === undefined ? {} : { maxRps: meta.settings.maxRps },
    summary: { ...countPlan(plan), text: summaryLine(plan) },
    pools,
  };
  return { ...body, checksum: checksumOf(body) };
}

/** sha256 of a document's JSON without its checksum field. */
export function checksumOf(body: object): string {
  const { checksum: _ignored, ...rest } = body as { checksum?: unknown };
  return `sha256:${sha256(JSON.stringify(rest))}`;
}

/** The plan a document holds, for rendering and applying. */
export function planOfDocument(doc: PlanDocument): Plan {
  return {
    pools: doc.pools.map((p) => ({
      userPoolId: p.userPoolId,
      region: p.region,
      listed: p.listed,
      changes: p.changes,
      unchanged: p.unchanged,
      unmanaged: p.unmanaged,
      ...(p.lookalikes === undefined ? {} : { lookalikes: p.lookalikes }),
    })),
  };
}
