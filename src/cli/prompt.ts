import { createInterface } from 'node:readline/promises';

/** Asks on the terminal; only the exact answer `yes` approves. The question goes to stderr so stdout stays the plan. */
export async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(`${question}\n  Only 'yes' will be accepted to approve.\n\n  Enter a value: `);
    return answer.trim() === 'yes';
  } finally {
    rl.close();
  }
}
