/** Counts a drift report. */
export function countDrift(report) {
    const c = { drifted: 0, missing: 0, toDelete: 0, alerts: 0, unmanaged: 0, providerGroups: 0, orphanHolds: 0, acknowledged: 0, expired: 0, stale: 0 };
    for (const p of report.pools) {
        c.drifted += p.drifted.length;
        c.missing += p.missing.length;
        c.toDelete += p.toDelete.length;
        c.unmanaged += p.unmanaged.length;
        c.providerGroups += p.providerGroups.length;
        c.orphanHolds += p.orphanHolds.length;
        c.alerts += p.providerGroups.filter((g) => g.alert !== undefined).length;
        c.acknowledged += p.acknowledged.length;
        c.expired += p.drifted.reduce((n, d) => n + (d.expired?.length ?? 0), 0);
        c.stale += p.staleAcknowledgements.length;
    }
    return c;
}
/** In sync: nothing drifted or missing, nothing to delete, no provider-group alert and no members left held. */
export function inSync(report) {
    const c = countDrift(report);
    return c.drifted + c.missing + c.toDelete + c.alerts + c.orphanHolds === 0;
}
