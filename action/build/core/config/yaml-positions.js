// Positions from the positional YAML parser's document: the node at a path of the data, following
// aliases on the way, and its offset.
import { isAlias, isMap, isScalar, isSeq } from 'yaml';
/** The positions of a parsed document. */
export function positionsOf(doc) {
    return {
        offsetOf: (path) => nodeOffset(nodeAt(doc, path)),
        keyOffset: (path, key) => {
            let parent = path.length === 0 ? doc.contents : nodeAt(doc, path);
            if (isAlias(parent))
                parent = parent.resolve(doc);
            if (isMap(parent)) {
                for (const pair of parent.items) {
                    if (isScalar(pair.key) && pair.key.value === key)
                        return pair.key.range?.[0] ?? 0;
                }
            }
            return nodeOffset(parent);
        },
    };
}
/**
 * The node at a path, following aliases on the way (a value reached through `*anchor`); the last
 * node is returned as written, so an alias is pointed at where it is used.
 */
function nodeAt(doc, path) {
    let node = doc.contents;
    for (const key of path) {
        if (isAlias(node))
            node = node.resolve(doc);
        if (isMap(node))
            node = node.items.find((p) => isScalar(p.key) && p.key.value === key)?.value;
        else if (isSeq(node) && typeof key === 'number')
            node = node.items[key];
        else
            return undefined;
    }
    return node;
}
function nodeOffset(node) {
    return node?.range?.[0] ?? 0;
}
