import ButtonBase from '@mui/material/ButtonBase'
import Paper from '@mui/material/Paper'
import Typography from '@mui/material/Typography'
import { useTranslation } from 'react-i18next'
import { IgnoredFilters } from './IgnoredFilters'

export interface KpiTileProps {
  label: string
  value: string
  detail?: string
  previous?: string | null
  testId: string
  onDrill?: () => void
  /** the active filters this number does not apply, as a caption */
  ignored?: string | undefined
}

/** One number with its comparison; a button when there is a list behind it. */
export function KpiTile({ label, value, detail, previous, testId, onDrill, ignored }: KpiTileProps) {
  const { t } = useTranslation()
  const body = (
    <>
      <Typography variant="body2" component="span" sx={{ color: 'text.secondary', display: 'block' }}>
        {label}
      </Typography>
      <Typography
        variant="h5"
        component="span"
        sx={{ fontWeight: 700, display: 'block' }}
        data-testid={`${testId}-value`}
      >
        {value}
      </Typography>
      {detail && (
        <Typography variant="caption" component="span" sx={{ display: 'block', color: 'text.secondary' }}>
          {detail}
        </Typography>
      )}
      {previous !== undefined && (
        <Typography variant="caption" component="span" sx={{ display: 'block', color: 'text.secondary' }}>
          {previous === null
            ? t('dashboard.kpi.noPrevious')
            : t('dashboard.kpi.vsPrevious', { value: previous })}
        </Typography>
      )}
      {ignored && <IgnoredFilters text={ignored} testId={`${testId}-ignored`} />}
    </>
  )
  return (
    <Paper variant="outlined" sx={{ height: '100%', breakInside: 'avoid' }} data-testid={testId}>
      {onDrill ? (
        <ButtonBase
          onClick={onDrill}
          aria-label={t('dashboard.kpi.drill', { label: `${label} ${value}` })}
          sx={{ p: 1.5, width: '100%', height: '100%', display: 'block', textAlign: 'left', borderRadius: 1 }}
        >
          {body}
        </ButtonBase>
      ) : (
        <div style={{ padding: 12 }}>{body}</div>
      )}
    </Paper>
  )
}
