// The option specs of the library's functions, gathered for the session opener the package exports and
// for the README's option table (each runner declares and checks its own: option-check.ts).
import { checkOptions, SESSION } from './option-check.js';
import { APPLY_SAVED_OPTIONS } from './apply-saved.js';
import { APPLY_OPTIONS } from './apply.js';
import { IMPORT_OPTIONS } from './import.js';
import { PLAN_OPTIONS } from './plan.js';
import { openSession } from './session.js';
/** The option specs of the library's functions, by the name a caller calls them with. */
export const OPTION_SPECS = { plan: PLAN_OPTIONS, apply: APPLY_OPTIONS, applySaved: APPLY_SAVED_OPTIONS, openSession: SESSION, importGroupsFile: IMPORT_OPTIONS };
/** `openSession` as the library exports it: its options checked first (the run's own calls pass theirs unchecked). */
export function openCheckedSession(options, fileMaxRps) {
    checkOptions('openSession', SESSION, options);
    return openSession(options, fileMaxRps);
}
