import Button from '@mui/material/Button'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableRow from '@mui/material/TableRow'
import { TableHeader, type HeaderColumn } from '../common/TableHeader'
import type { DrillRequest } from './useDashboard'

export interface DataCell {
  text: string
  /** what a click on this value opens; the cell is then a button */
  drill?: DrillRequest
}

export interface DataTableSpec {
  columns: readonly HeaderColumn[]
  /** the first cell of a row is its header */
  rows: readonly { key: string; cells: readonly DataCell[] }[]
}

/**
 * A chart's values as a table whose values are buttons: the keyboard and screen-reader way to the
 * same drill-downs as a click on a bar, point or line (the SVG elements take no focus).
 */
export function ChartDataTable({
  spec,
  onDrill,
  testId,
}: {
  spec: DataTableSpec
  onDrill: (r: DrillRequest) => void
  testId: string
}) {
  return (
    <Table size="small" data-testid={testId}>
      <TableHeader columns={spec.columns} />
      <TableBody>
        {spec.rows.map((row) => (
          <TableRow key={row.key}>
            {row.cells.map((cell, i) => {
              const drill = cell.drill
              const content = drill ? (
                <Button
                  size="small"
                  sx={{ p: 0, minWidth: 0, textTransform: 'none' }}
                  // The visible value first (label in name), then what the button opens.
                  aria-label={cell.text === drill.label ? undefined : `${cell.text}: ${drill.label}`}
                  onClick={() => onDrill(drill)}
                >
                  {cell.text}
                </Button>
              ) : (
                cell.text
              )
              return i === 0 ? (
                <TableCell key={i} component="th" scope="row">
                  {content}
                </TableCell>
              ) : (
                <TableCell key={i} align={spec.columns[i]?.align}>
                  {content}
                </TableCell>
              )
            })}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  )
}
