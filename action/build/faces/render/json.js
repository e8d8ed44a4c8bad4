import { safeJson } from './outside-text.js';
/**
 * JSON as every machine format of the tool prints it: two-space indented, one trailing newline, and
 * the characters that could forge or reorder a terminal's display escaped (the values are unchanged).
 */
export function toJson(value) {
    return `${safeJson(JSON.stringify(value, null, 2))}\n`;
}
