// The CloudTrail events of a state file (format version 3 and later), checked before they are believed.
import type { TrailEvent } from './trail.js';

/** The events of a state file's `trail`, or the first problem found, as `where must be what`. */
export function parseTrailEvents(v: unknown): { ok: true; events: TrailEvent[] } | { ok: false; problem: string } {
  if (v === undefined) return { ok: true, events: [] };
  if (!Array.isArray(v)) return { ok: false, problem: 'trail must be an array' };
  const events: TrailEvent[] = [];
  for (const [i, raw] of v.entries()) {
    const where = `trail[${i}]`;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, problem: `${where} must be an object` };
    const o = raw as Record<string, unknown>;
    for (const k of ['eventId', 'eventName', 'region', 'accessKeyId', 'userAgent', 'sourceIp', 'requestId', 'userPoolId']) {
      if (typeof o[k] !== 'string') return { ok: false, problem: `${where}.${k} must be a string` };
    }
    for (const k of ['eventTime', 'visibleAt']) {
      if (typeof o[k] !== 'number' || !Number.isFinite(o[k])) return { ok: false, problem: `${where}.${k} must be a time in epoch milliseconds` };
    }
    const params = o['requestParameters'];
    if (typeof params !== 'object' || params === null || Array.isArray(params) || Object.values(params).some((p) => typeof p !== 'string' && typeof p !== 'number')) {
      return { ok: false, problem: `${where}.requestParameters must be an object of strings and numbers` };
    }
    if (o['sub'] !== undefined && typeof o['sub'] !== 'string') return { ok: false, problem: `${where}.sub must be a string` };
    events.push({
      eventId: o['eventId'] as string,
      eventName: o['eventName'] as string,
      eventTime: o['eventTime'] as number,
      visibleAt: o['visibleAt'] as number,
      region: o['region'] as string,
      accessKeyId: o['accessKeyId'] as string,
      userAgent: o['userAgent'] as string,
      sourceIp: o['sourceIp'] as string,
      requestId: o['requestId'] as string,
      userPoolId: o['userPoolId'] as string,
      requestParameters: { ...(params as Record<string, string | number>) },
      ...(typeof o['sub'] === 'string' ? { sub: o['sub'] } : {}),
    });
  }
  return { ok: true, events };
}
