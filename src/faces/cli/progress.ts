import type { AccessProgress } from '../../run/access.js';
import type { ApplyProgress } from '../../run/apply/report.js';
import type { MembersProgress } from '../../edge/read/list-members.js';
import type { ReadProgress } from '../../edge/read/list-pool.js';
import type { Io } from './io.js';
import { plural } from '../../core/plural.js';

/** How often a line is written when stderr is not a terminal. */
const LOG_EVERY_MS = 5_000;
/** Nothing is shown for work that ends sooner than this. */
const QUIET_FOR_MS = 1_000;

/**
 * Progress on stderr only: a live line on a terminal (counts and an estimate of the time left),
 * otherwise a line every few seconds. Short runs show nothing.
 */
export class ProgressReporter {
  private readonly started: number;
  private lastLog: number;
  private applyStarted: number | undefined;
  private live = false;
  private readonly pools = new Map<string, ReadProgress>();
  private readonly memberReads = new Map<string, MembersProgress>();
  private readonly accessReads = new Map<string, AccessProgress>();

  constructor(private readonly io: Io, private readonly enabled = true, private readonly now: () => number = Date.now) {
    this.started = now();
    this.lastLog = this.started;
  }

  read = (p: ReadProgress): void => {
    this.pools.set(p.poolId, p);
    const groups = [...this.pools.values()].reduce((n, x) => n + x.groups, 0);
    const pages = [...this.pools.values()].reduce((n, x) => n + x.pages, 0);
    const reading = [...this.pools.values()].filter((x) => !x.done).length;
    // Cognito says nothing of a pool's size before its last page, so reads show a rate, not the time left.
    const seconds = (this.now() - this.started) / 1000;
    const rate = seconds > 0 ? Math.round(groups / seconds) : 0;
    this.show(`reading: ${plural(groups, 'group')} in ${plural(pages, 'page')} (${rate} groups/s)${reading > 0 ? `, ${plural(reading, 'pool')} still listing` : ''}`);
  };

  members = (p: MembersProgress): void => {
    this.memberReads.set(p.poolId, p);
    const all = [...this.memberReads.values()];
    const read = all.reduce((n, x) => n + x.groupsRead, 0);
    const total = all.reduce((n, x) => n + x.groupsTotal, 0);
    const users = all.reduce((n, x) => n + x.members, 0);
    this.show(`reading members: ${read}/${total} groups, ${plural(users, 'member')}`);
  };

  access = (p: AccessProgress): void => {
    this.accessReads.set(p.poolId, p);
    const all = [...this.accessReads.values()];
    const users = all.filter((x) => x.via === 'user-groups');
    const groups = all.filter((x) => x.via === 'group-members');
    const part = (list: AccessProgress[], what: string): string => (list.length === 0 ? '' : `${list.reduce((n, x) => n + x.done, 0)}/${list.reduce((n, x) => n + x.total, 0)} ${what}`);
    this.show(`checking token claims: ${[part(users, "users' groups"), part(groups, 'role groups')].filter((s) => s !== '').join(', ')} read`);
  };

  apply = (p: ApplyProgress): void => {
    const finished = p.done + p.failed;
    this.applyStarted ??= this.now();
    const elapsed = (this.now() - this.applyStarted) / 1000;
    // Member copies dominate a run that moves members: the estimate follows them when there are any.
    const [doneWork, allWork] = p.members !== undefined && p.members.total > 0 ? [p.members.copied, p.members.total] : [finished, p.total];
    const rate = elapsed > 0 ? doneWork / elapsed : 0;
    const left = rate > 0 ? Math.ceil(Math.max(0, allWork - doneWork) / rate) : undefined;
    const members = p.members === undefined ? '' : `, members copied ${p.members.copied}/${p.members.total}`;
    this.show(`applying: ${finished}/${p.total} (${p.failed} failed)${members}${left === undefined ? '' : `, about ${formatSeconds(left)} left`}`);
  };

  /** Clears the live line; call before printing anything else. */
  stop(): void {
    if (this.live) this.io.err('\r\u001b[2K');
    this.live = false;
  }

  private show(line: string): void {
    if (!this.enabled) return;
    const now = this.now();
    if (now - this.started < QUIET_FOR_MS) return;
    if (this.io.stderrIsTTY) {
      this.io.err(`\r\u001b[2K${line}`);
      this.live = true;
    } else if (now - this.lastLog >= LOG_EVERY_MS) {
      this.io.err(`${line}\n`);
      this.lastLog = now;
    }
  }
}

function formatSeconds(s: number): string {
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m}m${String(s % 60).padStart(2, '0')}s` : `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}
