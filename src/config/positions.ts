// Where things are in a groups file: the YAML node at a path of the data, and its offset, so every
// problem names the line and column it is about. Pure.
import { isAlias, isMap, isScalar, isSeq, type Document, type Node } from 'yaml';
import type { Diagnostic } from './diagnostic.js';

/** Makes a diagnostic at an offset of the file, for a path of the data. */
export type At = (offset: number, path: ReadonlyArray<string | number>, message: string) => Diagnostic;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function offsetOf(doc: Document, path: ReadonlyArray<string | number>): number {
  return nodeOffset(nodeAt(doc, path));
}

/**
 * The node at a path, following aliases on the way (a value reached through `*anchor`); the last
 * node is returned as written, so an alias is pointed at where it is used.
 */
export function nodeAt(doc: Document, path: ReadonlyArray<string | number>): Node | undefined {
  let node: unknown = doc.contents;
  for (const key of path) {
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) node = node.items.find((p) => isScalar(p.key) && p.key.value === key)?.value;
    else if (isSeq(node) && typeof key === 'number') node = node.items[key];
    else return undefined;
  }
  return node as Node | undefined;
}

/** The plain value at a path of the data the schema checked. */
export function valueAt(data: unknown, path: ReadonlyArray<string | number>): unknown {
  let value: unknown = data;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

export function nodeOffset(node: Node | undefined): number {
  return node?.range?.[0] ?? 0;
}

export function keyOffset(doc: Document, path: ReadonlyArray<string | number>, key: string): number {
  let parent: unknown = path.length === 0 ? doc.contents : nodeAt(doc, path);
  if (isAlias(parent)) parent = parent.resolve(doc);
  if (isMap(parent)) {
    for (const pair of parent.items) {
      if (isScalar(pair.key) && pair.key.value === key) return pair.key.range?.[0] ?? 0;
    }
  }
  return nodeOffset(parent as Node | undefined);
}

export function unescapePointer(s: string): string {
  return s.replace(/~1/g, '/').replace(/~0/g, '~');
}
