/** The agent's call session: start, notes, wrap-up, history. */
export const callsContract = {} as const
