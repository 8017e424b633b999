import { useEffect } from 'react'
import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import Divider from '@mui/material/Divider'
import Drawer from '@mui/material/Drawer'
import IconButton from '@mui/material/IconButton'
import LinearProgress from '@mui/material/LinearProgress'
import Stack from '@mui/material/Stack'
import CloseIcon from '@mui/icons-material/Close'
import { useTranslation } from 'react-i18next'
import { closeLoop } from '../../loops/loopsActions'
import { LOOP_DRAWER_WIDTH, useLoopsStore } from '../../loops/loopsStore'
import { LoopStory, useLoopDetail } from './LoopStory'
import { LoopFieldsEditor } from './LoopFieldsEditor'
import { LoopWorkPanel } from './LoopWorkPanel'

const HEADING_ID = 'loop-drawer-heading'

/**
 * The loop beside whatever view is open: not modal, so an agent can read the customer card in the
 * call view while working the loop. Escape or the close button hides it.
 */
export function LoopDetailDrawer() {
  const { t } = useTranslation()
  const id = useLoopsStore((s) => s.openLoopId)
  const detail = useLoopDetail(id)
  const loadedId = detail.state === 'ok' ? detail.detail.loop.id : null

  // Take focus to the loop's title once it is there, so keyboard users continue in the drawer.
  useEffect(() => {
    if (loadedId !== null) document.getElementById(HEADING_ID)?.focus()
  }, [loadedId])

  return (
    <Drawer
      anchor="right"
      variant="persistent"
      open={id !== null}
      slotProps={{
        paper: {
          component: 'aside',
          'aria-label': t('loops.detail.label'),
          'data-testid': 'loop-drawer',
          onKeyDown: (event: React.KeyboardEvent) => {
            if (event.key === 'Escape') closeLoop()
          },
          sx: { width: { xs: '100%', sm: LOOP_DRAWER_WIDTH }, p: 2, pt: 1 },
        } as object,
      }}
    >
      {id !== null && (
        <Stack spacing={2}>
          <Box sx={{ display: 'flex', justifyContent: 'flex-end' }}>
            <IconButton
              aria-label={t('loops.detail.close')}
              onClick={closeLoop}
              data-testid="loop-drawer-close"
            >
              <CloseIcon />
            </IconButton>
          </Box>
          {detail.state === 'loading' && <LinearProgress aria-label={t('loops.loading')} />}
          {detail.state === 'error' && (
            <Alert severity="error" variant="outlined">
              {t('loops.failed', { message: detail.error.message })}
            </Alert>
          )}
          {detail.state === 'ok' && (
            <>
              <LoopStory detail={detail.detail} headingId={HEADING_ID} />
              <LoopFieldsEditor key={detail.detail.loop.id} detail={detail.detail} />
              <Divider />
              <LoopWorkPanel key={detail.detail.loop.id} detail={detail.detail} />
            </>
          )}
        </Stack>
      )}
    </Drawer>
  )
}
