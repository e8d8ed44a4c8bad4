import type { DesiredGroup } from '../core/config/model.js';

/** `count` groups with realistic fields: every tenth has a role, all have a precedence and description. */
export function benchGroups(count: number, prefix: string, description: string): DesiredGroup[] {
  return Array.from({ length: count }, (_, i) => ({
    name: `${prefix}-${String(i).padStart(5, '0')}`,
    description: `${description} ${i}`,
    precedence: i,
    ...(i % 10 === 0 ? { roleArn: `arn:aws:iam::123456789012:role/bench-${i}` } : {}),
  }));
}
