// CPU only: load + validate + plan of a 10,000-group file against an in-memory listing. Run in its
// own process so peak RSS is this path's alone; prints one JSON line.
import { stringify } from 'yaml';
import { parseConfig } from '../core/config/parse.js';
import { computePoolPlan } from '../core/plan/compute.js';
import { benchGroups } from './data.js';

const count = Number(process.argv[2] ?? 10_000);
const pool = 'eu-west-1_BenchCpu1';
const text = stringify({ version: 1, userPools: [{ id: pool, groups: benchGroups(count, 'g', 'wanted') }] });
// The listing: the same groups, a tenth of them with another description, and 100 unmanaged ones.
const observed = [
  ...benchGroups(count, 'g', 'wanted').map((g, i) => (i % 10 === 3 ? { ...g, description: 'drifted' } : g)),
  ...benchGroups(100, 'other', 'x'),
].reverse();

const start = performance.now();
const parsed = parseConfig(text, 'bench.yaml');
if (!parsed.ok) throw new Error(`bench file invalid: ${parsed.errors[0]?.message}`);
const desired = parsed.config.userPools[0];
if (desired === undefined) throw new Error('no pool');
const plan = computePoolPlan(desired, observed);
const ms = performance.now() - start;
process.stdout.write(`${JSON.stringify({ groups: count, bytes: text.length, ms, maxRssMb: process.resourceUsage().maxRSS / 1024, changes: plan.changes.length, unmanaged: plan.unmanaged.length })}\n`);
