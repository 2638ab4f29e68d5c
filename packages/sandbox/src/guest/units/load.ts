/**
 * The one parameter every guest unit receives: returns another unit's exports by name,
 * compiling that unit on first use (see `loader.ts`).
 */
export type GuestLoad = <T>(name: string) => T;
