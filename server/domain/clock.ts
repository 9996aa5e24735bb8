// The clock is passed in by the entry files (and by tests), never read from Date directly
// in the rules, so "now", "today" and "this year" can be tested.
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();
