/** German texts of the calls area (typed source of the English file). */
export const callsDe = {}
