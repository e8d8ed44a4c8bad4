// What a change to a pool was, as drift reports name it: who, when, from where. Types only, so the
// drift report and the matching of records can both name them.
export {};
