// The rule by which Cognito turns a user's groups into the group claims of the ID token. Pure.
//
// What the documentation says (CreateGroup reference; developer guide "role-based access control";
// cognito-contract.md "Token claims from groups"):
// - `cognito:groups` lists every group of the user;
// - `cognito:roles` lists the RoleArn of every group of the user that has one;
// - `cognito:preferred_role` is the role of the group with the lowest Precedence; a group with a
//   Precedence beats one without; equal lowest Precedence with the same role gives that role, with
//   different roles gives no preferred role.
// What it does not say, and the reading this tool takes (so every result is a prediction):
// - a group without a RoleArn takes no part in either role claim, even with the lowest Precedence
//   (it is skipped, not a blocker: "the group ... whose role ARN is given");
// - groups without a Precedence rank after every group with one and equal to each other, so two of
//   them with different roles (and no ranked role group) are a tie: no preferred role;
// - the order of `cognito:roles` is not documented: the tool sorts it.
import { compareNames } from '../config/names.js';
/** The claims a user in exactly these groups gets. The order of the groups never matters. */
export function claimsOf(groups) {
    const names = [...new Set(groups.map((g) => g.name))].sort(compareNames);
    const withRole = groups.filter((g) => g.roleArn !== undefined);
    const roles = [...new Set(withRole.map((g) => g.roleArn))].sort(compareNames);
    const claims = { groups: names, roles };
    if (withRole.length === 0)
        return claims;
    let best = Infinity;
    for (const g of withRole)
        best = Math.min(best, rank(g));
    const top = [...new Set(withRole.filter((g) => rank(g) === best).map((g) => g.roleArn))].sort(compareNames);
    if (top.length === 1)
        claims.preferredRole = top[0];
    else
        claims.tie = top;
    return claims;
}
/** A group's place in the order: its precedence, or after every precedence when it has none. */
function rank(g) {
    return g.precedence ?? Infinity;
}
