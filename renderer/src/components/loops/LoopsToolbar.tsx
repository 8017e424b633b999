import { useEffect } from 'react'
import Stack from '@mui/material/Stack'
import { bootLoops } from '../../loops/loopsActions'
import { NotificationBell } from './NotificationBell'
import { UserSwitcher } from './UserSwitcher'

/** The toolbar's user switcher and notification bell; loads the session and polls notifications. */
export function LoopsToolbar() {
  useEffect(() => bootLoops(), [])
  return (
    <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center' }} data-testid="loops-toolbar">
      <UserSwitcher />
      <NotificationBell />
    </Stack>
  )
}
