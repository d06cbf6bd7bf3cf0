// `server-only` throws when imported outside a React Server Component bundle;
// unit tests run lib/ in plain Node, where that guard has nothing to protect.
export {};
