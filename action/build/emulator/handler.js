import { validationMessage } from './validation.js';
import { errorReply } from './wire.js';
export function unchanged(reply) {
    return { reply, mutated: false };
}
export function changed(reply) {
    return { reply, mutated: true };
}
/** InvalidParameterException listing every problem, or undefined when there are none. */
export function invalid(problems) {
    const message = validationMessage(problems);
    return message === undefined ? undefined : unchanged(errorReply('InvalidParameterException', message));
}
function poolNotFound(id) {
    return unchanged(errorReply('ResourceNotFoundException', `User pool ${id} does not exist.`));
}
const GROUP_NOT_FOUND = unchanged(errorReply('ResourceNotFoundException', 'Group not found.'));
const USER_NOT_FOUND = unchanged(errorReply('UserNotFoundException', 'User does not exist.'));
export const INVALID_TOKEN = unchanged(errorReply('InvalidParameterException', 'Invalid pagination token.'));
// Required members have been validated by the time this is used; it only narrows types for the compiler.
export const MISSING_REQUIRED = unchanged(errorReply('InvalidParameterException', 'A required member is missing.'));
export function isHandled(x) {
    return 'reply' in x && 'mutated' in x;
}
/** The pool, or the reply saying it does not exist. */
export function findPool(ctx, id) {
    return ctx.store.pool(id) ?? poolNotFound(id);
}
/** The group with exactly this name, or the reply saying it does not exist. */
export function findGroupIn(ctx, pool, name) {
    return ctx.store.group(pool, name) ?? GROUP_NOT_FOUND;
}
/** The user a request names (username or sub), or UserNotFoundException. */
export function findUserIn(pool, name) {
    return pool.users.find(name) ?? USER_NOT_FOUND;
}
