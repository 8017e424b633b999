import { useState } from 'react'
import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import LinearProgress from '@mui/material/LinearProgress'
import Tab from '@mui/material/Tab'
import Tabs from '@mui/material/Tabs'
import { useTranslation } from 'react-i18next'
import type { RoleName } from '../../../../shared/domain/loopLifecycle'
import { loadSession } from '../../loops/loopsActions'
import { useLoopsStore } from '../../loops/loopsStore'
import { MyTasks } from './MyTasks'
import { ReviewView } from './ReviewView'
import { SlaSettingsPanel } from './SlaSettingsPanel'
import { TeamQueue } from './TeamQueue'

type Area = 'mine' | 'queue' | 'review' | 'sla'

/** What each role works with, the first area opening by default. */
const AREAS: Record<RoleName, readonly [Area, ...Area[]]> = {
  agent: ['mine'],
  team_lead: ['queue', 'mine', 'sla'],
  supervisor: ['review', 'queue', 'sla'],
}

function AreaContent({ area }: { area: Area }) {
  switch (area) {
    case 'mine':
      return <MyTasks />
    case 'queue':
      return <TeamQueue />
    case 'review':
      return <ReviewView />
    case 'sla':
      return <SlaSettingsPanel />
  }
}

function RoleAreas({ role }: { role: RoleName }) {
  const { t } = useTranslation()
  const areas = AREAS[role]
  const [area, setArea] = useState<Area>(areas[0])
  if (areas.length === 1) return <AreaContent area={areas[0]} />
  return (
    <Box>
      <Tabs
        value={area}
        onChange={(_event, next: Area) => setArea(next)}
        aria-label={t('loops.tabs.label')}
        sx={{ mb: 1.5, minHeight: 40, '& .MuiTab-root': { minHeight: 40 } }}
      >
        {areas.map((a) => (
          <Tab
            key={a}
            value={a}
            label={t(`loops.tabs.${a}`)}
            id={`loops-tab-${a}`}
            aria-controls={`loops-panel-${a}`}
            data-testid={`loops-tab-${a}`}
          />
        ))}
      </Tabs>
      <Box role="tabpanel" id={`loops-panel-${area}`} aria-labelledby={`loops-tab-${area}`}>
        <AreaContent area={area} />
      </Box>
    </Box>
  )
}

/** The "Aufgaben" tab: task list, queue or review, depending on who is signed in. */
export function LoopsView() {
  const { t } = useTranslation()
  const session = useLoopsStore((s) => s.session)
  const error = useLoopsStore((s) => s.sessionError)
  if (error) {
    return (
      <Alert
        severity="error"
        variant="outlined"
        action={
          <Button color="inherit" size="small" onClick={() => void loadSession()}>
            {t('loops.retry')}
          </Button>
        }
      >
        {t('loops.failed', { message: error.message })}
      </Alert>
    )
  }
  if (!session) return <LinearProgress aria-label={t('loops.loading')} />
  // Keyed by user: switching users starts the role's view afresh (filters, selection, tab).
  return (
    <Box data-testid="loops-view" data-role={session.user.role}>
      <RoleAreas key={session.user.id} role={session.user.role} />
    </Box>
  )
}
