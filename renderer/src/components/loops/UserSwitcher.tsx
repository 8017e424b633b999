import { Fragment, useState } from 'react'
import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import Dialog from '@mui/material/Dialog'
import DialogActions from '@mui/material/DialogActions'
import DialogContent from '@mui/material/DialogContent'
import DialogTitle from '@mui/material/DialogTitle'
import Divider from '@mui/material/Divider'
import ListSubheader from '@mui/material/ListSubheader'
import Menu from '@mui/material/Menu'
import MenuItem from '@mui/material/MenuItem'
import Stack from '@mui/material/Stack'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import PersonIcon from '@mui/icons-material/Person'
import { useTranslation } from 'react-i18next'
import { ROLES, type RoleName } from '../../../../shared/domain/loopLifecycle'
import { toFailure } from '../../actions'
import { signIn } from '../../loops/loopsActions'
import { useLoopsStore } from '../../loops/loopsStore'

const MIN_NAME = 2
const LANGUAGE_CHOICES = ['de', 'en', 'de,en'] as const

function NewUserDialog({ onClose }: { onClose(): void }) {
  const { t } = useTranslation()
  const [name, setName] = useState('')
  const [role, setRole] = useState<RoleName>('agent')
  const [languages, setLanguages] = useState<(typeof LANGUAGE_CHOICES)[number]>('de')
  const [touched, setTouched] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const tooShort = name.trim().length < MIN_NAME

  const submit = async () => {
    setTouched(true)
    if (tooShort) return
    setBusy(true)
    setError(null)
    try {
      await signIn({ name: name.trim(), role, languages: languages.split(',') as Array<'de' | 'en'> })
      onClose()
    } catch (err) {
      setError(t('loops.user.failed', { message: toFailure(err).message }))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Dialog open onClose={onClose} aria-labelledby="new-user-title" fullWidth maxWidth="xs">
      <DialogTitle id="new-user-title">{t('loops.user.dialogTitle')}</DialogTitle>
      <DialogContent>
        <Stack
          component="form"
          spacing={2}
          sx={{ pt: 1 }}
          noValidate
          onSubmit={(event: React.FormEvent) => {
            event.preventDefault()
            void submit()
          }}
          id="new-user-form"
        >
          <Typography variant="body2" sx={{ color: 'text.secondary' }}>
            {t('loops.user.dialogHint')}
          </Typography>
          <TextField
            autoFocus
            required
            size="small"
            label={t('loops.user.name')}
            value={name}
            onChange={(event) => setName(event.target.value)}
            error={touched && tooShort}
            helperText={touched && tooShort ? t('loops.user.nameTooShort') : ' '}
            slotProps={{ htmlInput: { maxLength: 80, autoComplete: 'off' } }}
          />
          <TextField
            select
            size="small"
            id="new-user-role"
            label={t('loops.user.role')}
            value={role}
            onChange={(event) => {
              const next = ROLES.find((r) => r === event.target.value)
              if (next) setRole(next)
            }}
            slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`loops.role.${r}`)}
              </option>
            ))}
          </TextField>
          <TextField
            select
            size="small"
            id="new-user-languages"
            label={t('loops.user.language')}
            value={languages}
            onChange={(event) => {
              const next = LANGUAGE_CHOICES.find((l) => l === event.target.value)
              if (next) setLanguages(next)
            }}
            slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
          >
            <option value="de">{t('loops.language.de')}</option>
            <option value="en">{t('loops.language.en')}</option>
            <option value="de,en">{t('loops.user.languagesBoth')}</option>
          </TextField>
          {error && (
            <Alert severity="error" variant="outlined" role="alert">
              {error}
            </Alert>
          )}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('loops.user.cancel')}</Button>
        <Button
          type="submit"
          form="new-user-form"
          variant="contained"
          disabled={busy}
          data-testid="new-user-submit"
        >
          {t('loops.user.create')}
        </Button>
      </DialogActions>
    </Dialog>
  )
}

/** Who is signed in (name and role) and a menu to switch to another user or create a local one. */
export function UserSwitcher() {
  const { t } = useTranslation()
  const session = useLoopsStore((s) => s.session)
  const users = useLoopsStore((s) => s.users)
  const [anchor, setAnchor] = useState<HTMLElement | null>(null)
  const [creating, setCreating] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const user = session?.user ?? null
  const roleName = user ? t(`loops.role.${user.role}`) : ''

  const choose = async (userId: number) => {
    setAnchor(null)
    setError(null)
    try {
      await signIn({ userId })
    } catch (err) {
      setError(t('loops.user.failed', { message: toFailure(err).message }))
    }
  }

  return (
    <>
      <Button
        size="small"
        color="inherit"
        startIcon={<PersonIcon aria-hidden="true" />}
        aria-haspopup="menu"
        aria-expanded={anchor !== null}
        aria-controls={anchor ? 'user-menu' : undefined}
        aria-label={
          user ? t('loops.user.button', { name: user.name, role: roleName }) : t('loops.user.signedOut')
        }
        onClick={(event) => setAnchor(event.currentTarget)}
        data-testid="user-switcher"
        data-user-id={user?.id}
        data-role={user?.role}
        sx={{ whiteSpace: 'nowrap', color: 'text.primary' }}
      >
        {user ? (
          <span>
            {user.name}
            <Typography component="span" variant="caption" sx={{ ml: 0.75, color: 'text.secondary' }}>
              {roleName}
            </Typography>
          </span>
        ) : (
          t('loops.user.signedOut')
        )}
      </Button>
      <Menu
        id="user-menu"
        anchorEl={anchor}
        open={anchor !== null}
        onClose={() => setAnchor(null)}
        slotProps={{ list: { 'aria-label': t('loops.user.menu'), dense: true } }}
      >
        {ROLES.map((role) => {
          const group = users.filter((u) => u.role === role)
          if (group.length === 0) return null
          return (
            <Fragment key={role}>
              <ListSubheader role="presentation" sx={{ lineHeight: '32px' }}>
                {t(`loops.roleGroup.${role}`)}
              </ListSubheader>
              {group.map((u) => (
                <MenuItem
                  key={u.id}
                  selected={u.id === user?.id}
                  aria-current={u.id === user?.id ? 'true' : undefined}
                  onClick={() => void choose(u.id)}
                  data-testid="user-option"
                  data-user-id={u.id}
                >
                  {u.name}
                  {u.team && (
                    <Typography component="span" variant="caption" sx={{ ml: 1, color: 'text.secondary' }}>
                      {u.team}
                    </Typography>
                  )}
                </MenuItem>
              ))}
            </Fragment>
          )
        })}
        <Divider />
        <MenuItem
          onClick={() => {
            setAnchor(null)
            setCreating(true)
          }}
          data-testid="user-new"
        >
          {t('loops.user.newUser')}
        </MenuItem>
      </Menu>
      {creating && <NewUserDialog onClose={() => setCreating(false)} />}
      {error && (
        <Alert severity="error" variant="outlined" sx={{ py: 0 }} role="alert" onClose={() => setError(null)}>
          {error}
        </Alert>
      )}
    </>
  )
}
