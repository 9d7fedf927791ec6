/**
 * The store's name for /health and logs: the connection string with any `user:password@`
 * removed, so credentials never reach a log line or a response.
 */
export const describeConnection = (connectionString: string): string =>
  connectionString.replace(/^([a-z+]+:\/\/)[^@/?#]*@/i, '$1')

/** Whether a store string names an EventStoreDB (the composition root's switch). */
export const isEsdbConnectionString = (store: string): boolean =>
  /^esdb(\+discover)?:\/\//i.test(store)
