// Cognito's request-rate quotas as token buckets: one per category for the whole account and one per
// (pool, operation). A request needs a token from both; when either is empty it is throttled and
// takes nothing, so throttled retries do not dig the hole deeper.
import type { GroupOperation } from './wire.js';

/** Documented rates in requests per second (Cognito developer guide, "Quotas"). */
export const DOCUMENTED_RATES = {
  /** UserPoolResourceRead: GetGroup, ListGroups, account-wide. */
  accountRead: 20,
  /** UserPoolResourceUpdate: CreateGroup, UpdateGroup, DeleteGroup, account-wide. */
  accountWrite: 15,
  /** Each group operation on one pool. */
  poolOperation: 5,
} as const;

/** How the quotas are enforced. */
export interface QuotaSettings {
  readonly enabled: boolean;
  /** Multiplies every rate (20 turns 5/s into 100/s). */
  readonly scale: number;
  /** Bucket capacity in seconds of the rate: how big a burst is accepted after a quiet spell. */
  readonly burstSeconds: number;
}

export const DEFAULT_QUOTAS: QuotaSettings = { enabled: true, scale: 1, burstSeconds: 1 };

/** Problems with quota settings, empty when they are usable. */
export function checkQuotaSettings(q: QuotaSettings): string[] {
  const out: string[] = [];
  if (!(Number.isFinite(q.scale) && q.scale > 0)) out.push(`quotas.scale must be a positive number, got ${q.scale}`);
  if (!(Number.isFinite(q.burstSeconds) && q.burstSeconds > 0)) out.push(`quotas.burstSeconds must be a positive number, got ${q.burstSeconds}`);
  return out;
}

/** A continuously refilling token bucket; times are milliseconds from a monotonic clock. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly capacity: number,
    now: number,
  ) {
    this.tokens = capacity;
    this.last = now;
  }

  available(now: number): number {
    if (now > this.last) {
      this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.ratePerSecond);
      this.last = now;
    }
    return this.tokens;
  }

  take(): void {
    this.tokens -= 1;
  }
}

function isRead(op: GroupOperation): boolean {
  return op === 'GetGroup' || op === 'ListGroups';
}

/** Decides whether a group request is within the quotas, and counts it when it is. */
export class QuotaLimiter {
  private settings: QuotaSettings;
  private accountRead!: TokenBucket;
  private accountWrite!: TokenBucket;
  private perPoolOperation = new Map<string, TokenBucket>();

  constructor(
    settings: QuotaSettings,
    private readonly now: () => number,
  ) {
    this.settings = settings;
    this.reset();
  }

  get current(): QuotaSettings {
    return this.settings;
  }

  /** Replaces the settings and refills every bucket. */
  configure(settings: QuotaSettings): void {
    this.settings = settings;
    this.reset();
  }

  /** True (and a token taken from each bucket) when the request is within the quotas. */
  admit(op: GroupOperation, poolId: string): boolean {
    if (!this.settings.enabled) return true;
    const now = this.now();
    const account = isRead(op) ? this.accountRead : this.accountWrite;
    const key = `${poolId}\u0000${op}`;
    let pool = this.perPoolOperation.get(key);
    if (pool === undefined) {
      pool = this.bucket(DOCUMENTED_RATES.poolOperation, now);
      this.perPoolOperation.set(key, pool);
    }
    if (account.available(now) < 1 || pool.available(now) < 1) return false;
    account.take();
    pool.take();
    return true;
  }

  private bucket(rate: number, now: number): TokenBucket {
    const perSecond = rate * this.settings.scale;
    // Rounded so that 0.1 * 5 * 10 is 5 tokens, not 4.999...; and a bucket smaller than one token
    // would refuse everything, so one request is always possible.
    const capacity = Math.round(perSecond * this.settings.burstSeconds * 1e9) / 1e9;
    return new TokenBucket(perSecond, Math.max(1, capacity), now);
  }

  private reset(): void {
    const now = this.now();
    this.accountRead = this.bucket(DOCUMENTED_RATES.accountRead, now);
    this.accountWrite = this.bucket(DOCUMENTED_RATES.accountWrite, now);
    this.perPoolOperation = new Map();
  }
}
