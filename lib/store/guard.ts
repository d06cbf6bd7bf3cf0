/**
 * Runs a store operation with SqlStore's closed-store check and error mapping,
 * so every part of the store (notebooks, users, labels) fails the same way.
 */
export type Guard = <T>(fn: () => Promise<T>) => Promise<T>;
