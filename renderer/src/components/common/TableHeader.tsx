import TableCell from '@mui/material/TableCell'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'

export type HeaderColumn = { label: string; align?: 'right' }

/** The header row of a small data table: one column header cell per label, numbers right-aligned. */
export function TableHeader({ columns }: { columns: readonly HeaderColumn[] }) {
  return (
    <TableHead>
      <TableRow>
        {columns.map((column) => (
          <TableCell key={column.label} component="th" scope="col" align={column.align}>
            {column.label}
          </TableCell>
        ))}
      </TableRow>
    </TableHead>
  )
}
