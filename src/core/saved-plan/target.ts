// Where a plan was made and where an apply goes. A saved plan is applied only where it was made, so
// a plan made against the local emulator never reaches AWS, and one made against AWS never reaches
// a test endpoint (which would then report success for changes AWS never saw).
import type { EnvironmentRef } from '../config/model.js';
import type { PlanDocument, PlanTarget } from './model.js';

/** Where requests go: AWS, another endpoint (with its URL), or the embedded local emulator. */
export interface TargetRef {
  kind: PlanTarget;
  /** The normalised URL when kind is `endpoint`. */
  endpoint?: string;
  /** The groups file's environment (`--env`), for a file with environments. */
  environment?: string;
}

/** The plan's target and this apply's, when they differ. */
export interface TargetMismatch {
  planned: TargetRef;
  actual: TargetRef;
}

/** Undefined when a plan may be applied at `actual` (the same place and the same environment); else both targets. Pure. */
export function targetMismatch(doc: PlanDocument, actual: TargetRef): TargetMismatch | undefined {
  const same = doc.target === actual.kind && (doc.target !== 'endpoint' || doc.endpoint === actual.endpoint) && doc.environment === actual.environment;
  if (same) return undefined;
  const planned: TargetRef = { kind: doc.target, ...(doc.endpoint === undefined ? {} : { endpoint: doc.endpoint }), ...(doc.environment === undefined ? {} : { environment: doc.environment }) };
  return { planned, actual };
}

/** The environment a saved plan was made for (name and account), as a run takes it. Pure. */
export function planEnvironment(doc: Pick<PlanDocument, 'environment' | 'account'>): EnvironmentRef | undefined {
  return doc.environment === undefined ? undefined : { name: doc.environment, ...(doc.account === undefined ? {} : { account: doc.account }) };
}
