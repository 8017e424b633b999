import type { ReactNode } from 'react'
import Paper from '@mui/material/Paper'
import Typography from '@mui/material/Typography'
import { IgnoredFilters } from './IgnoredFilters'

/** A titled chart panel; the figure is labelled by its title for screen readers. */
export function ChartCard({
  id,
  title,
  hint,
  ignored,
  children,
}: {
  id: string
  title: string
  hint?: string
  /** the active filters this chart does not apply, as a caption */
  ignored?: string | undefined
  children: ReactNode
}) {
  return (
    <Paper
      variant="outlined"
      component="figure"
      aria-labelledby={`${id}-title`}
      sx={{ m: 0, p: 1.5, breakInside: 'avoid', minWidth: 0 }}
      data-testid={id}
    >
      <Typography id={`${id}-title`} component="figcaption" variant="subtitle1" sx={{ fontWeight: 600 }}>
        {title}
      </Typography>
      {hint && (
        <Typography variant="caption" component="p" sx={{ color: 'text.secondary', m: 0 }} data-print-hide>
          {hint}
        </Typography>
      )}
      {ignored && <IgnoredFilters text={ignored} testId={`${id}-ignored`} />}
      {children}
    </Paper>
  )
}
