import Box from '@mui/material/Box'

/**
 * A small trend line for the eye only (aria-hidden): callers put the values in text next to it.
 * Missing values (an answer without that score) are skipped, not drawn as zero.
 */
export function Sparkline({
  values,
  min,
  max,
  width = 96,
  height = 24,
  testId,
}: {
  values: (number | null)[]
  min: number
  max: number
  width?: number
  height?: number
  testId?: string
}) {
  const points = values
    .map((value, index) => ({ value, index }))
    .filter((p): p is { value: number; index: number } => p.value !== null)
  const pad = 3
  const x = (index: number) =>
    values.length <= 1 ? width / 2 : pad + (index / (values.length - 1)) * (width - 2 * pad)
  const y = (value: number) => {
    const share = max === min ? 0.5 : (value - min) / (max - min)
    return height - pad - share * (height - 2 * pad)
  }
  const last = points[points.length - 1]
  return (
    <Box
      component="svg"
      aria-hidden="true"
      data-testid={testId}
      data-points={points.length}
      viewBox={`0 0 ${width} ${height}`}
      sx={{ width, height, flex: '0 0 auto', color: 'primary.main', overflow: 'visible' }}
    >
      <line
        x1={0}
        x2={width}
        y1={y((min + max) / 2)}
        y2={y((min + max) / 2)}
        stroke="currentColor"
        strokeOpacity={0.2}
      />
      {points.length > 1 && (
        <polyline
          fill="none"
          stroke="currentColor"
          strokeWidth={1.75}
          strokeLinejoin="round"
          strokeLinecap="round"
          points={points.map((p) => `${x(p.index).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ')}
        />
      )}
      {last && <circle cx={x(last.index)} cy={y(last.value)} r={2.5} fill="currentColor" />}
    </Box>
  )
}
