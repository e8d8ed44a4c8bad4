/** Requests per second for each credentials read (identity pools, GetRole): no published figure, so paced low (a run makes a handful). */
export const CREDENTIAL_RATE = 5;
/** CloudTrail LookupEvents: 2 requests per second per account and region, not adjustable (cognito-contract.md). */
export const LOOKUP_EVENTS_RATE = 2;
/** Cognito's documented quotas (cognito-contract.md, "Quotas" and "Members"). */
export const COGNITO_RATES = { perPoolOperation: 5, accountRead: 20, accountWrite: 15, userList: 30, userRead: 50, userUpdate: 25, poolRead: 5, perUser: 10, credentialRead: CREDENTIAL_RATE };
/** The account-wide rate of a quota category. */
export function accountRate(rates, category) {
    switch (category) {
        case 'UserPoolResourceRead':
            return rates.accountRead;
        case 'UserPoolResourceUpdate':
            return rates.accountWrite;
        case 'UserList':
            return rates.userList;
        case 'UserResourceRead':
            return rates.userRead;
        case 'UserResourceUpdate':
            return rates.userUpdate;
        case 'UserPoolRead':
            return rates.poolRead;
    }
}
/** The same rates multiplied by a factor, for an emulator whose quotas are scaled the same way. */
export function scaleRates(rates, factor) {
    const out = {
        perPoolOperation: rates.perPoolOperation * factor,
        accountRead: rates.accountRead * factor,
        accountWrite: rates.accountWrite * factor,
        userList: rates.userList * factor,
        userRead: rates.userRead * factor,
        userUpdate: rates.userUpdate * factor,
        poolRead: rates.poolRead * factor,
        perUser: rates.perUser * factor,
    };
    out.credentialRead = (rates.credentialRead ?? CREDENTIAL_RATE) * factor;
    if (rates.maxRps !== undefined)
        out.maxRps = rates.maxRps * factor;
    return out;
}
