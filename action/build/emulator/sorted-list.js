// An ordered collection of items with unique string sort keys, for listings of 100,000+ users.
//
// Items are kept in sorted chunks of at most 2 * CHUNK items (the layout of Python's
// sortedcontainers). Inserting, deleting and finding where a page starts cost a binary search plus
// moving at most one chunk and the short array of chunks, so neither paging nor growing a group to
// 100,000 members one request at a time ever does work proportional to the whole collection.
const CHUNK = 512;
function compare(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}
/** Index of the first item whose key is greater than `key` (or equal, when `inclusive`). */
function bound(items, key, inclusive) {
    let lo = 0;
    let hi = items.length;
    while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        const c = compare(items[mid].sortKey, key);
        if (c < 0 || (c === 0 && !inclusive))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}
/** Items ordered by sort key; a key appears at most once. */
export class SortedList {
    chunks = [];
    /** The last key of each chunk, to find a chunk by binary search. */
    lasts = [];
    count = 0;
    get size() {
        return this.count;
    }
    /** Index of the first chunk whose last key is >= key (or > key when not `inclusive`); chunks.length when none. */
    chunkFor(key, inclusive) {
        let lo = 0;
        let hi = this.lasts.length;
        while (lo < hi) {
            const mid = (lo + hi) >>> 1;
            const c = compare(this.lasts[mid], key);
            if (c < 0 || (c === 0 && !inclusive))
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo;
    }
    has(key) {
        const ci = this.chunkFor(key, true);
        const chunk = this.chunks[ci];
        if (chunk === undefined)
            return false;
        return chunk[bound(chunk, key, true)]?.sortKey === key;
    }
    /** Adds the item; false (and nothing changed) when its key is already present. */
    insert(item) {
        if (this.chunks.length === 0) {
            this.chunks.push([item]);
            this.lasts.push(item.sortKey);
            this.count = 1;
            return true;
        }
        let ci = this.chunkFor(item.sortKey, true);
        if (ci === this.chunks.length)
            ci--;
        const chunk = this.chunks[ci];
        const i = bound(chunk, item.sortKey, true);
        if (chunk[i]?.sortKey === item.sortKey)
            return false;
        chunk.splice(i, 0, item);
        this.lasts[ci] = chunk[chunk.length - 1].sortKey;
        this.count++;
        if (chunk.length > 2 * CHUNK) {
            const tail = chunk.splice(CHUNK);
            this.chunks.splice(ci + 1, 0, tail);
            this.lasts[ci] = chunk[chunk.length - 1].sortKey;
            this.lasts.splice(ci + 1, 0, tail[tail.length - 1].sortKey);
        }
        return true;
    }
    /** Removes the item with this key; false when there is none. */
    delete(key) {
        const ci = this.chunkFor(key, true);
        const chunk = this.chunks[ci];
        if (chunk === undefined)
            return false;
        const i = bound(chunk, key, true);
        if (chunk[i]?.sortKey !== key)
            return false;
        chunk.splice(i, 1);
        this.count--;
        if (chunk.length === 0) {
            this.chunks.splice(ci, 1);
            this.lasts.splice(ci, 1);
        }
        else {
            this.lasts[ci] = chunk[chunk.length - 1].sortKey;
        }
        return true;
    }
    /**
     * Adds many items at once (callers have made sure their keys are new): one sort instead of one
     * insert each when the batch is large, single inserts when it is small next to the list.
     */
    insertMany(items) {
        if (items.length * 16 < this.count) {
            for (const item of items)
                this.insert(item);
            return;
        }
        const all = this.chunks.flat().concat(items).sort((a, b) => compare(a.sortKey, b.sortKey));
        this.chunks = [];
        this.lasts = [];
        for (let i = 0; i < all.length; i += CHUNK) {
            const chunk = all.slice(i, i + CHUNK);
            this.chunks.push(chunk);
            this.lasts.push(chunk[chunk.length - 1].sortKey);
        }
        this.count = all.length;
    }
    /** Up to `limit` items whose keys follow `after` (from the first item when undefined). */
    page(after, limit) {
        const out = [];
        let ci = after === undefined ? 0 : this.chunkFor(after, false);
        let i = after === undefined ? 0 : bound(this.chunks[ci] ?? [], after, false);
        while (ci < this.chunks.length && out.length < limit) {
            const chunk = this.chunks[ci];
            const take = Math.min(chunk.length - i, limit - out.length);
            for (let k = 0; k < take; k++)
                out.push(chunk[i + k]);
            i += take;
            if (i >= chunk.length) {
                ci++;
                i = 0;
            }
        }
        const more = ci < this.chunks.length;
        const last = out[out.length - 1];
        return { items: out, continueAfter: more && last !== undefined ? last.sortKey : undefined };
    }
    /** Every item in order. */
    *values() {
        for (const chunk of this.chunks)
            yield* chunk;
    }
    /** The items whose keys follow `after` (all when undefined), in order; finding the start costs a binary search. */
    *valuesAfter(after) {
        let ci = after === undefined ? 0 : this.chunkFor(after, false);
        let i = after === undefined ? 0 : bound(this.chunks[ci] ?? [], after, false);
        for (; ci < this.chunks.length; ci++, i = 0) {
            const chunk = this.chunks[ci];
            for (; i < chunk.length; i++)
                yield chunk[i];
        }
    }
}
