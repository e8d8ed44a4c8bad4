/** Request rates per second that one run stays within. */
export interface Rates {
  /** Per user pool, per operation (Cognito: 5). */
  perPoolOperation: number;
  /** Account-wide GetGroup + ListGroups (Cognito: 20). */
  accountRead: number;
  /** Account-wide CreateGroup + UpdateGroup + DeleteGroup (Cognito: 15). */
  accountWrite: number;
  /** A lower budget for the whole run, across all operations (`--max-rps`). */
  maxRps?: number;
}

/** Cognito's documented quotas for the group operations (cognito-contract.md, "Quotas"). */
export const COGNITO_RATES: Readonly<Rates> = { perPoolOperation: 5, accountRead: 20, accountWrite: 15 };

/** The same rates multiplied by a factor, for an emulator whose quotas are scaled the same way. */
export function scaleRates(rates: Rates, factor: number): Rates {
  const out: Rates = {
    perPoolOperation: rates.perPoolOperation * factor,
    accountRead: rates.accountRead * factor,
    accountWrite: rates.accountWrite * factor,
  };
  if (rates.maxRps !== undefined) out.maxRps = rates.maxRps * factor;
  return out;
}
