// Where a groups file writes each group's roleArn, so a warning about a role (found later, when the
// role is read) names the file's line and column. Pure: the text is parsed again with positions only
// when there is such a warning to place.
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
/** The roleArn of every group of every pool, where the file writes it; empty for text that is not such a file. */
export function roleArnSites(text) {
    const lineCounter = new LineCounter();
    const doc = parseDocument(text, { lineCounter, logLevel: 'silent' });
    const pools = doc.get('userPools', true);
    if (!isSeq(pools))
        return [];
    const out = [];
    pools.items.forEach((pool, poolIndex) => {
        if (!isMap(pool))
            return;
        const groups = pool.get('groups', true);
        if (!isSeq(groups))
            return;
        for (const group of groups.items) {
            if (!isMap(group))
                continue;
            const name = group.get('name', true);
            const role = group.get('roleArn', true);
            if (!isScalar(name) || typeof name.value !== 'string' || !isScalar(role) || role.range === undefined || role.range === null)
                continue;
            const pos = lineCounter.linePos(role.range[0]);
            out.push({ poolIndex, group: name.value, line: pos.line, column: pos.col });
        }
    });
    return out;
}
