// What an apply did, change by change: the executor's report and its counts.
import { assertNever } from '../../core/errors.js';
/** The counts of an apply that changed nothing. */
export const NO_APPLY_COUNTS = { added: 0, changed: 0, replaced: 0, deleted: 0, adopted: 0, renamed: 0, restored: 0, failed: 0, notStarted: 0, membersMoved: 0, membersAdded: 0, membersRemoved: 0 };
/** Counts an apply report. */
export function countApply(report) {
    const c = { ...NO_APPLY_COUNTS };
    for (const r of report.results) {
        c.membersMoved += r.membersMoved ?? 0;
        c.membersAdded += r.membersAdded ?? 0;
        c.membersRemoved += r.membersRemoved ?? 0;
        if (r.status === 'failed')
            c.failed++;
        else if (r.status === 'not-started')
            c.notStarted++;
        else {
            switch (r.change.action) {
                case 'create':
                    if (r.adopted === true)
                        c.adopted++;
                    else
                        c.added++;
                    break;
                case 'update':
                    c.changed++;
                    break;
                case 'replace':
                    c.replaced++;
                    break;
                case 'delete':
                    c.deleted++;
                    break;
                case 'rename':
                    c.renamed++;
                    break;
                case 'restore':
                    c.restored++;
                    break;
                default:
                    assertNever(r.change);
            }
        }
    }
    return c;
}
