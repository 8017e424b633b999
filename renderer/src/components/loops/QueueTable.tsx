import { useEffect, useRef } from 'react'
import Box from '@mui/material/Box'
import Checkbox from '@mui/material/Checkbox'
import LinearProgress from '@mui/material/LinearProgress'
import Link from '@mui/material/Link'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import Typography from '@mui/material/Typography'
import { useVirtualizer } from '@tanstack/react-virtual'
import { useTranslation } from 'react-i18next'
import { useFormat } from '../../i18n/format'
import type { LoopRow } from '../../loops/loopsStore'
import type { QueuePages } from '../../loops/useQueuePages'
import { visuallyHidden } from '../../theme'
import { isSegment } from '../insight'
import { SlaChip, slaRowSx } from './SlaChip'

/** Fixed row height keeps the virtualiser exact for 100,000 rows without measuring each one. */
const ROW_HEIGHT = 53
const OVERSCAN = 12

export interface QueueTableProps {
  pages: QueuePages
  /** Accessible name of the table. */
  label: string
  /** Checkboxes for bulk actions (team lead, supervisor). */
  selection?: { selected: ReadonlySet<number>; toggle(row: LoopRow): void }
  showAssignee: boolean
  onOpen(row: LoopRow): void
  testId: string
}

/**
 * The loop queue as a table whose body is virtualised: only the rows in view (plus a margin) are
 * in the DOM, and the pages behind them are fetched from the core as the user scrolls.
 */
export function QueueTable({ pages, label, selection, showAssignee, onOpen, testId }: QueueTableProps) {
  const { t } = useTranslation()
  const fmt = useFormat()
  const scrollRef = useRef<HTMLDivElement>(null)
  const count = pages.total ?? 0
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualiser is read every render on purpose
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: OVERSCAN,
  })
  const items = virtualizer.getVirtualItems()
  const firstItem = items[0]
  const lastItem = items[items.length - 1]
  const first = firstItem?.index ?? 0
  const last = lastItem?.index ?? 0
  const { ensureRange } = pages

  useEffect(() => {
    ensureRange(first, last)
  }, [ensureRange, first, last])

  const columns = 7 + (selection ? 1 : 0) + (showAssignee ? 1 : 0)
  const paddingTop = firstItem?.start ?? 0
  const paddingBottom = lastItem ? virtualizer.getTotalSize() - lastItem.end : 0

  if (pages.total === null && !pages.error)
    return <LinearProgress aria-label={t('loops.loading')} sx={{ my: 2 }} />
  if (pages.total === 0) {
    return (
      <Typography variant="body2" sx={{ color: 'text.secondary', py: 2 }} data-testid={`${testId}-empty`}>
        {t('loops.queue.empty')}
      </Typography>
    )
  }

  return (
    <Box
      ref={scrollRef}
      // Keyboard users scroll the list with the arrow keys once it has focus.
      tabIndex={0}
      role="region"
      aria-label={label}
      data-testid={`${testId}-scroll`}
      sx={{
        height: 'calc(100vh - 330px)',
        minHeight: 320,
        overflow: 'auto',
        border: '1px solid',
        borderColor: 'divider',
        borderRadius: 1,
      }}
    >
      <Table
        size="small"
        stickyHeader
        aria-label={label}
        aria-rowcount={count + 1}
        data-testid={testId}
        data-total={count}
        sx={{ tableLayout: 'fixed', minWidth: 980 }}
      >
        <TableHead>
          <TableRow aria-rowindex={1}>
            {selection && (
              <TableCell scope="col" padding="checkbox" sx={{ width: 52 }}>
                <Box component="span" sx={visuallyHidden}>
                  {t('loops.queue.select')}
                </Box>
              </TableCell>
            )}
            <TableCell scope="col" sx={{ width: '18%' }}>
              {t('loops.queueCol.customer')}
            </TableCell>
            <TableCell scope="col" sx={{ width: '24%' }}>
              {t('loops.queueCol.title')}
            </TableCell>
            <TableCell scope="col">{t('loops.queueCol.type')}</TableCell>
            <TableCell scope="col">{t('loops.queueCol.state')}</TableCell>
            <TableCell scope="col" sx={{ width: 80 }}>
              {t('loops.queueCol.priority')}
            </TableCell>
            <TableCell scope="col" sx={{ width: 160 }}>
              {t('loops.queueCol.due')}
            </TableCell>
            {showAssignee && <TableCell scope="col">{t('loops.queueCol.assignee')}</TableCell>}
            <TableCell scope="col">{t('loops.queueCol.segment')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {paddingTop > 0 && (
            <TableRow aria-hidden="true" sx={{ height: paddingTop }}>
              <TableCell colSpan={columns} sx={{ p: 0, border: 0 }} />
            </TableRow>
          )}
          {items.map((item) => {
            const row = pages.rowAt(item.index)
            if (!row) {
              return (
                <TableRow
                  key={`pending-${item.index}`}
                  aria-rowindex={item.index + 2}
                  sx={{ height: ROW_HEIGHT }}
                >
                  <TableCell colSpan={columns} sx={{ color: 'text.secondary' }}>
                    {t('loops.queue.loadingRow')}
                  </TableCell>
                </TableRow>
              )
            }
            return (
              <QueueRow
                key={row.id}
                row={row}
                index={item.index}
                selection={selection}
                showAssignee={showAssignee}
                onOpen={onOpen}
                dueText={row.dueAt === null ? t('loops.queue.noDue') : fmt.dateTime(row.dueAt)}
              />
            )
          })}
          {paddingBottom > 0 && (
            <TableRow aria-hidden="true" sx={{ height: paddingBottom }}>
              <TableCell colSpan={columns} sx={{ p: 0, border: 0 }} />
            </TableRow>
          )}
        </TableBody>
      </Table>
    </Box>
  )
}

function QueueRow({
  row,
  index,
  selection,
  showAssignee,
  onOpen,
  dueText,
}: {
  row: LoopRow
  index: number
  selection: QueueTableProps['selection']
  showAssignee: boolean
  onOpen(row: LoopRow): void
  dueText: string
}) {
  const { t } = useTranslation()
  const selected = selection?.selected.has(row.id) ?? false
  return (
    <TableRow
      hover
      selected={selected}
      aria-rowindex={index + 2}
      data-testid="loop-row"
      data-loop-id={row.id}
      data-sla={row.slaState}
      data-state={row.state}
      data-due={row.dueAt ?? ''}
      onClick={() => onOpen(row)}
      sx={[{ height: ROW_HEIGHT, cursor: 'pointer', '& td': { py: 0.25 } }, slaRowSx(row.slaState)].flat()}
    >
      {selection && (
        <TableCell padding="checkbox" onClick={(event) => event.stopPropagation()}>
          <Checkbox
            checked={selected}
            onChange={() => selection.toggle(row)}
            slotProps={{
              input: {
                'aria-label': t('loops.queue.selectRow', { title: row.title, customer: row.customerName }),
              },
            }}
            data-testid="loop-select"
          />
        </TableCell>
      )}
      <TableCell sx={cellText}>
        <Link
          component="button"
          type="button"
          variant="body2"
          onClick={(event: React.MouseEvent) => {
            event.stopPropagation()
            onOpen(row)
          }}
          sx={{ fontWeight: 600, textAlign: 'left' }}
          data-testid="loop-open"
        >
          {row.customerName}
        </Link>
        <Typography variant="caption" component="div" sx={{ color: 'text.secondary' }}>
          {row.customerNo}
        </Typography>
      </TableCell>
      <TableCell sx={cellText} title={row.title}>
        {row.title}
      </TableCell>
      <TableCell sx={cellText}>{t(`loops.type.${row.type}`)}</TableCell>
      <TableCell sx={cellText}>{t(`loopState.${row.state}`)}</TableCell>
      <TableCell>
        <Box component="span" title={t('loops.priorityLong', { priority: row.priority })}>
          {t('loops.priority', { priority: row.priority })}
        </Box>
      </TableCell>
      <TableCell>
        <SlaChip state={row.slaState} />
        <Typography variant="caption" component="div" sx={{ color: 'text.secondary', whiteSpace: 'nowrap' }}>
          {dueText}
        </Typography>
      </TableCell>
      {showAssignee && (
        <TableCell sx={cellText}>
          {row.assigneeName ?? (
            <Box component="span" sx={{ color: 'text.secondary' }}>
              {t('loops.queue.unassigned')}
            </Box>
          )}
        </TableCell>
      )}
      <TableCell sx={cellText}>{isSegment(row.segment) ? t(`segment.${row.segment}`) : '–'}</TableCell>
    </TableRow>
  )
}

const cellText = { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' } as const
