import { useEffect, useState } from 'react'
import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import LinearProgress from '@mui/material/LinearProgress'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableRow from '@mui/material/TableRow'
import Typography from '@mui/material/Typography'
import { useTranslation } from 'react-i18next'
import type { ResponseOf } from '../../../../shared/ipc/contract'
import { toFailure } from '../../actions'
import { call } from '../../api/transport'
import { useFormat } from '../../i18n/format'
import { useLoopsStore } from '../../loops/loopsStore'
import { TableHeader } from '../common/TableHeader'
import type { LookupFailure } from '../../store'

type Workload = ResponseOf<'loops.workload'>

type Loaded = { revision: number; rows: Workload } | { revision: number; error: LookupFailure }

/** Open, due-soon and breached loops per agent, with a bar per agent scaled to the busiest one. */
export function WorkloadPanel() {
  const { t } = useTranslation()
  const fmt = useFormat()
  const revision = useLoopsStore((s) => s.revision)
  const [loaded, setLoaded] = useState<Loaded | null>(null)

  useEffect(() => {
    let live = true
    call('loops.workload', {}).then(
      (rows) => live && setLoaded({ revision, rows }),
      (err: unknown) => live && setLoaded({ revision, error: toFailure(err) }),
    )
    return () => {
      live = false
    }
  }, [revision])

  const heading = (
    <Typography component="h3" variant="h3" id="workload-title" sx={{ mb: 1 }}>
      {t('loops.workload.title')}
    </Typography>
  )
  if (!loaded) {
    return (
      <Box>
        {heading}
        <LinearProgress aria-label={t('loops.loading')} />
      </Box>
    )
  }
  if ('error' in loaded) {
    return (
      <Box>
        {heading}
        <Alert severity="error" variant="outlined" sx={{ py: 0 }}>
          {t('loops.failed', { message: loaded.error.message })}
        </Alert>
      </Box>
    )
  }
  const max = Math.max(1, ...loaded.rows.map((r) => r.open))
  return (
    <Box component="section" aria-labelledby="workload-title" data-testid="workload">
      {heading}
      {loaded.rows.length === 0 ? (
        <Typography variant="body2">{t('loops.workload.empty')}</Typography>
      ) : (
        <Table size="small" aria-labelledby="workload-title" sx={{ '& td, & th': { px: 0.75 } }}>
          <TableHeader
            columns={[
              { label: t('loops.workload.agent') },
              { label: t('loops.workload.open'), align: 'right' },
              { label: t('loops.workload.dueSoon'), align: 'right' },
              { label: t('loops.workload.breached'), align: 'right' },
            ]}
          />
          <TableBody>
            {loaded.rows.map((r) => (
              <TableRow key={r.userId} data-testid="workload-row" data-user-id={r.userId} data-open={r.open}>
                <TableCell component="th" scope="row">
                  <Typography variant="body2" sx={{ fontWeight: 600 }}>
                    {r.name}
                  </Typography>
                  {/* The numbers are in the cells: the bar only makes the comparison quick to see. */}
                  <Box
                    aria-hidden="true"
                    sx={{ display: 'flex', height: 6, mt: 0.5, bgcolor: 'action.hover', borderRadius: 1 }}
                  >
                    <Box sx={{ width: `${(r.breached / max) * 100}%`, bgcolor: 'error.main' }} />
                    <Box sx={{ width: `${(r.dueSoon / max) * 100}%`, bgcolor: 'warning.main' }} />
                    <Box
                      sx={{
                        width: `${(Math.max(0, r.open - r.dueSoon - r.breached) / max) * 100}%`,
                        bgcolor: 'primary.main',
                      }}
                    />
                  </Box>
                </TableCell>
                <TableCell align="right">{fmt.number(r.open)}</TableCell>
                <TableCell align="right">{fmt.number(r.dueSoon)}</TableCell>
                <TableCell align="right">{fmt.number(r.breached)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Box>
  )
}
