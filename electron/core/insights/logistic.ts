/**
 * Logistic regression fitted by Newton-Raphson (IRLS) with a small L2 penalty: the feature count is
 * tiny (eight risk factors + intercept), so each iteration solves a 9x9 system exactly and the fit
 * converges in a handful of passes over the data, deterministically.
 */
export interface LogisticModel {
  intercept: number
  coefficients: number[]
  iterations: number
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z))

/** Solves A x = b by Gaussian elimination with partial pivoting (A is small and SPD here). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length
  const m = a.map((row, i) => [...row, b[i] as number])
  for (let col = 0; col < n; col++) {
    let pivot = col
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r
    ;[m[col], m[pivot]] = [m[pivot]!, m[col]!]
    const p = m[col]![col]!
    if (Math.abs(p) < 1e-12) throw new Error('singular system in logistic regression fit')
    for (let r = 0; r < n; r++) {
      if (r === col) continue
      const f = m[r]![col]! / p
      if (f === 0) continue
      for (let c = col; c <= n; c++) m[r]![c]! -= f * m[col]![c]!
    }
  }
  return m.map((row, i) => row[n]! / row[i]!)
}

export function fitLogistic(
  features: readonly (readonly number[])[],
  labels: readonly (0 | 1)[],
  options: { l2?: number; maxIterations?: number; tolerance?: number } = {},
): LogisticModel {
  const l2 = options.l2 ?? 1e-3
  const maxIterations = options.maxIterations ?? 50
  const tolerance = options.tolerance ?? 1e-8
  const k = (features[0]?.length ?? 0) + 1
  let beta = new Array<number>(k).fill(0)
  let iterations = 0
  for (; iterations < maxIterations; iterations++) {
    const gradient = new Array<number>(k).fill(0)
    const hessian = Array.from({ length: k }, () => new Array<number>(k).fill(0))
    for (let i = 0; i < features.length; i++) {
      const x = features[i] as readonly number[]
      let z = beta[0] as number
      for (let j = 1; j < k; j++) z += (beta[j] as number) * (x[j - 1] as number)
      const p = sigmoid(z)
      const w = Math.max(p * (1 - p), 1e-9)
      const err = (labels[i] as number) - p
      for (let a = 0; a < k; a++) {
        const xa = a === 0 ? 1 : (x[a - 1] as number)
        gradient[a]! += err * xa
        for (let b = a; b < k; b++) hessian[a]![b]! += w * xa * (b === 0 ? 1 : (x[b - 1] as number))
      }
    }
    for (let a = 0; a < k; a++) {
      for (let b = 0; b < a; b++) hessian[a]![b] = hessian[b]![a]!
      // The intercept is not penalised.
      if (a > 0) {
        gradient[a]! -= l2 * features.length * (beta[a] as number)
        hessian[a]![a]! += l2 * features.length
      }
    }
    const step = solve(hessian, gradient)
    beta = beta.map((v, i) => v + (step[i] as number))
    if (Math.max(...step.map(Math.abs)) < tolerance) {
      iterations++
      break
    }
  }
  return { intercept: beta[0] as number, coefficients: beta.slice(1), iterations }
}

export function predict(model: LogisticModel, x: readonly number[]): number {
  let z = model.intercept
  model.coefficients.forEach((c, j) => (z += c * (x[j] as number)))
  return sigmoid(z)
}

/**
 * Area under the ROC curve as the Mann-Whitney statistic: the chance that a random churned
 * customer scores above a random retained one (ties count half).
 */
export function auc(scores: readonly number[], labels: readonly (0 | 1)[]): number {
  const order = scores.map((s, i) => [s, labels[i] as number] as const).sort((a, b) => a[0] - b[0])
  let positives = 0
  let rankSum = 0
  for (let i = 0; i < order.length;) {
    let j = i
    while (j < order.length && order[j]![0] === order[i]![0]) j++
    const midRank = (i + 1 + j) / 2
    for (let t = i; t < j; t++)
      if (order[t]![1] === 1) {
        positives++
        rankSum += midRank
      }
    i = j
  }
  const negatives = order.length - positives
  if (positives === 0 || negatives === 0) return Number.NaN
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives)
}
