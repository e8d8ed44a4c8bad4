import { planOfDocument } from '../../saved-plan/build.js';
import { readPlanFile } from '../../saved-plan/read.js';
import { stepSummaryFile, type Format } from '../formats.js';
import { styleFor, type Io } from '../io.js';
import { printPlan } from '../plan-output.js';

/** Options of `show`. */
export interface ShowFlags {
  format: Format;
  color: boolean;
  githubStepSummary?: boolean;
}

/** Renders a saved plan. Offline. */
export async function showCommand(io: Io, planFile: string, flags: ShowFlags): Promise<number> {
  const summaryFile = stepSummaryFile(io, flags.githubStepSummary);
  const doc = await readPlanFile(planFile);
  const plan = planOfDocument(doc);
  if (flags.format === 'text') {
    io.out(`Saved plan ${planFile}: made ${doc.createdAt} by cognito-groups ${doc.toolVersion} from ${doc.desiredFile.path}${doc.target === 'local-emulator' ? ' against the local emulator' : ''}.\n\n`);
  }
  await printPlan(io, plan, doc, {
    format: flags.format,
    style: styleFor(io.stdoutIsTTY, io.env, flags.color),
    ...(summaryFile === undefined ? {} : { summaryFile }),
  });
  return 0;
}
