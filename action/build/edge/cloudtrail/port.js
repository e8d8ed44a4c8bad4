/** Events a LookupEvents page holds at most. */
export const TRAIL_PAGE_SIZE = 50;
/** How far back CloudTrail's event history goes. */
export const TRAIL_DAYS = 90;
