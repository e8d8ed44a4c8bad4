import { CgError } from '../../src/core/errors.js';

/** The CgError a promise rejects with; fails the test when it resolves or rejects with anything else. */
export async function rejection(p: Promise<unknown>): Promise<CgError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof CgError) return err;
    throw err;
  }
  throw new Error('expected a rejection');
}
