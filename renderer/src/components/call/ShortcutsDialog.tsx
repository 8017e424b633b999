import Button from '@mui/material/Button'
import Dialog from '@mui/material/Dialog'
import DialogActions from '@mui/material/DialogActions'
import DialogContent from '@mui/material/DialogContent'
import DialogTitle from '@mui/material/DialogTitle'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import Typography from '@mui/material/Typography'
import { useTranslation } from 'react-i18next'
import type { callsDe } from '../../i18n/areas/calls.de'

type ShortcutKey = Exclude<
  keyof typeof callsDe.shortcuts,
  'title' | 'close' | 'intro' | 'keys' | 'action' | 'ctrl'
>

/** Every shortcut of the call workspace: [keys, what it does]. Kept next to the handler's list. */
export const SHORTCUTS: readonly [string[], ShortcutKey][] = [
  [['Ctrl', 'K'], 'search'],
  [['Alt', 'A'], 'answers'],
  [['Alt', '1'], 'offerPresented'],
  [['Alt', '2'], 'offerAccepted'],
  [['Alt', '3'], 'offerDeclined'],
  [['Alt', 'N'], 'note'],
  [['Alt', 'W'], 'wrapUp'],
  [['Alt', 'F'], 'followUp'],
  [['Alt', 'G'], 'risk'],
  [['Alt', 'H'], 'history'],
  [['?'], 'overlay'],
]

export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const { t } = useTranslation()
  return (
    <Dialog open={open} onClose={onClose} aria-labelledby="shortcuts-title" data-testid="shortcuts-dialog">
      <DialogTitle id="shortcuts-title">{t('calls.shortcuts.title')}</DialogTitle>
      <DialogContent>
        <Typography variant="body2" sx={{ mb: 1 }}>
          {t('calls.shortcuts.intro')}
        </Typography>
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell component="th" scope="col">
                {t('calls.shortcuts.keys')}
              </TableCell>
              <TableCell component="th" scope="col">
                {t('calls.shortcuts.action')}
              </TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {SHORTCUTS.map(([keys, action]) => (
              <TableRow key={action}>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>
                  {keys.map((key, index) => (
                    <span key={key}>
                      {index > 0 && ' + '}
                      <kbd>{key === 'Ctrl' ? t('calls.shortcuts.ctrl') : key}</kbd>
                    </span>
                  ))}
                </TableCell>
                <TableCell>{t(`calls.shortcuts.${action}`)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} autoFocus data-testid="shortcuts-close">
          {t('calls.shortcuts.close')}
        </Button>
      </DialogActions>
    </Dialog>
  )
}
