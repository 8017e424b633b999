/**
 * Small seeded PRNG (sfc32, seeded through splitmix32) for demo data. Math.random cannot be seeded,
 * and the generator must give identical databases for identical options, so every random choice
 * goes through here. Streams let each customer draw from its own sequence: a customer's data then
 * does not depend on how many values earlier customers consumed.
 */

const UINT32 = 4_294_967_296

function splitmix32(state: number): number {
  let z = (state + 0x9e3779b9) | 0
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
  return (z ^ (z >>> 16)) >>> 0
}

export class Random {
  private a = 0
  private b = 0
  private c = 0
  private d = 0
  private spareNormal: number | null = null

  constructor(seed: number, stream = 0) {
    this.reseed(seed, stream)
  }

  /** Restarts the generator on (seed, stream); reusing one instance avoids an allocation per customer. */
  reseed(seed: number, stream = 0): void {
    // Mix both numbers through splitmix so neighbouring streams start far apart.
    const s = splitmix32(seed >>> 0)
    this.a = splitmix32(s ^ (stream >>> 0))
    this.b = splitmix32(this.a ^ Math.floor(stream / UINT32))
    this.c = splitmix32(this.b + 0x6d2b79f5)
    this.d = 1
    this.spareNormal = null
    // sfc32 needs a few rounds before its output is well mixed.
    for (let i = 0; i < 12; i++) this.next()
  }

  /** Next unsigned 32-bit value. */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0
    this.d = (this.d + 1) | 0
    this.a = this.b ^ (this.b >>> 9)
    this.b = (this.c + (this.c << 3)) | 0
    this.c = (this.c << 21) | (this.c >>> 11)
    this.c = (this.c + t) | 0
    return t >>> 0
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.next() / UINT32
  }

  /** Uniform in [min, max). */
  range(min: number, max: number): number {
    return min + (max - min) * this.float()
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1))
  }

  chance(p: number): boolean {
    return this.float() < p
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list')
    return items[Math.floor(this.float() * items.length)] as T
  }

  /** Picks items[i] with probability weights[i] / sum(weights). */
  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    return items[this.weightedIndex(weights)] as T
  }

  weightedIndex(weights: readonly number[]): number {
    let total = 0
    for (const w of weights) total += w
    let x = this.float() * total
    for (let i = 0; i < weights.length; i++) {
      x -= weights[i] as number
      if (x < 0) return i
    }
    return weights.length - 1
  }

  /** Index into a table built by cumulativeWeights; a binary search keeps big tables cheap. */
  cumulativeIndex(cumulative: Float64Array): number {
    const x = this.float() * (cumulative[cumulative.length - 1] as number)
    let lo = 0
    let hi = cumulative.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if ((cumulative[mid] as number) > x) hi = mid
      else lo = mid + 1
    }
    return lo
  }

  /** Normal deviate (Box-Muller; the second value of each pair is kept for the next call). */
  normal(mean = 0, sd = 1): number {
    if (this.spareNormal !== null) {
      const z = this.spareNormal
      this.spareNormal = null
      return mean + sd * z
    }
    let u = this.float()
    while (u === 0) u = this.float()
    const v = this.float()
    const r = Math.sqrt(-2 * Math.log(u))
    this.spareNormal = r * Math.sin(2 * Math.PI * v)
    return mean + sd * r * Math.cos(2 * Math.PI * v)
  }

  /** Poisson count (Knuth); fine for the small means used here. */
  poisson(lambda: number): number {
    if (lambda <= 0) return 0
    const limit = Math.exp(-lambda)
    let k = 0
    let p = this.float()
    while (p > limit) {
      k++
      p *= this.float()
    }
    return k
  }
}

export function createRandom(seed: number, stream = 0): Random {
  return new Random(seed, stream)
}

/** Running sums of weights, for Random.cumulativeIndex. */
export function cumulativeWeights(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length)
  let sum = 0
  weights.forEach((w, i) => {
    sum += w
    out[i] = sum
  })
  return out
}
