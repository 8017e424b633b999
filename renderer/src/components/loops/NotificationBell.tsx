import { useState } from 'react'
import Badge from '@mui/material/Badge'
import Box from '@mui/material/Box'
import Divider from '@mui/material/Divider'
import IconButton from '@mui/material/IconButton'
import ListItemText from '@mui/material/ListItemText'
import Menu from '@mui/material/Menu'
import MenuItem from '@mui/material/MenuItem'
import NotificationsIcon from '@mui/icons-material/Notifications'
import NotificationsNoneIcon from '@mui/icons-material/NotificationsNone'
import { useTranslation } from 'react-i18next'
import { useFormat } from '../../i18n/format'
import { markNotificationsRead, openLoop } from '../../loops/loopsActions'
import { useLoopsStore, type LoopNotification } from '../../loops/loopsStore'
import { useLoopdeskStore } from '../../store'
import { visuallyHidden } from '../../theme'

/** The bell with the unread count; its menu lists the notifications, a click opens the loop. */
export function NotificationBell() {
  const { t } = useTranslation()
  const fmt = useFormat()
  const items = useLoopsStore((s) => s.notifications)
  const unread = useLoopsStore((s) => s.unread)
  const [anchor, setAnchor] = useState<HTMLElement | null>(null)

  const open = (n: LoopNotification) => {
    setAnchor(null)
    useLoopdeskStore.getState().setView('loops')
    openLoop(n.loopId)
    if (!n.read) void markNotificationsRead([n.id]).catch(() => undefined)
  }

  const label =
    unread > 0 ? t('loops.notifications.labelUnread', { count: unread }) : t('loops.notifications.label')
  return (
    <>
      <IconButton
        aria-label={label}
        title={label}
        aria-haspopup="menu"
        aria-expanded={anchor !== null}
        aria-controls={anchor ? 'notification-menu' : undefined}
        onClick={(event) => setAnchor(event.currentTarget)}
        data-testid="notification-bell"
        data-unread={unread}
      >
        <Badge badgeContent={unread} color="error" max={99}>
          {unread > 0 ? <NotificationsIcon /> : <NotificationsNoneIcon />}
        </Badge>
      </IconButton>
      <Menu
        id="notification-menu"
        anchorEl={anchor}
        open={anchor !== null}
        onClose={() => setAnchor(null)}
        slotProps={{
          list: { 'aria-label': t('loops.notifications.menu') },
          paper: { sx: { maxWidth: 420, maxHeight: 480 } },
        }}
      >
        {items.length === 0 && (
          <MenuItem disabled data-testid="notification-empty">
            {t('loops.notifications.empty')}
          </MenuItem>
        )}
        {items.map((n) => (
          <MenuItem
            key={n.id}
            onClick={() => open(n)}
            data-testid="notification-item"
            data-kind={n.kind}
            data-loop-id={n.loopId}
            data-read={n.read}
            sx={{ whiteSpace: 'normal', alignItems: 'flex-start', gap: 1 }}
          >
            {/* Unread is marked by a dot and a word (for screen readers), not by weight alone. */}
            <Box
              aria-hidden="true"
              sx={{
                width: 8,
                height: 8,
                mt: 1,
                flex: 'none',
                borderRadius: '50%',
                bgcolor: n.read ? 'transparent' : 'primary.main',
              }}
            />
            <ListItemText
              primary={
                <>
                  {t(`loops.notificationKind.${n.kind}`)}
                  {!n.read && (
                    <Box component="span" sx={visuallyHidden}>{` (${t('loops.notifications.unread')})`}</Box>
                  )}
                </>
              }
              secondary={`${n.loopTitle} – ${n.customerName} · ${fmt.dateTime(n.at)}`}
              slotProps={{ primary: { sx: { fontWeight: n.read ? 400 : 700 } } }}
            />
          </MenuItem>
        ))}
        {unread > 0 && <Divider />}
        {unread > 0 && (
          <MenuItem
            onClick={() => {
              setAnchor(null)
              void markNotificationsRead().catch(() => undefined)
            }}
            data-testid="notification-mark-all"
          >
            {t('loops.notifications.markAllRead')}
          </MenuItem>
        )}
      </Menu>
    </>
  )
}
