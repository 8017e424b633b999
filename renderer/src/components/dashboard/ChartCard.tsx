import { useState, type ReactNode } from 'react'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Paper from '@mui/material/Paper'
import Typography from '@mui/material/Typography'
import TableChartIcon from '@mui/icons-material/TableChart'
import { useTranslation } from 'react-i18next'
import { IgnoredFilters } from './IgnoredFilters'

/**
 * A titled chart panel; the figure is labelled by its title for screen readers. With `table`, a
 * button shows the chart's values as a table (the keyboard way to its drill-downs); not printed.
 */
export function ChartCard({
  id,
  title,
  hint,
  ignored,
  table,
  children,
}: {
  id: string
  title: string
  hint?: string
  /** the active filters this chart does not apply, as a caption */
  ignored?: string | undefined
  table?: ReactNode
  children: ReactNode
}) {
  const { t } = useTranslation()
  const [showTable, setShowTable] = useState(false)
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
      {table && (
        <Box data-print-hide>
          <Button
            size="small"
            startIcon={<TableChartIcon aria-hidden />}
            aria-expanded={showTable}
            aria-controls={`${id}-table`}
            onClick={() => setShowTable((s) => !s)}
            data-testid={`${id}-table-toggle`}
          >
            {showTable ? t('dashboard.charts.hideTable') : t('dashboard.charts.showTable')}
          </Button>
          <Box id={`${id}-table`} hidden={!showTable} sx={{ maxHeight: 320, overflow: 'auto' }}>
            {showTable && table}
          </Box>
        </Box>
      )}
    </Paper>
  )
}
