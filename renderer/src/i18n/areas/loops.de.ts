/** German texts of the loops area (typed source of the English file). */
export const loopsDe = {}
