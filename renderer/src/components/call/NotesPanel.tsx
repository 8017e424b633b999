import { useEffect, useRef, useState, type FormEvent } from 'react'
import Box from '@mui/material/Box'
import IconButton from '@mui/material/IconButton'
import TextField from '@mui/material/TextField'
import Tooltip from '@mui/material/Tooltip'
import Typography from '@mui/material/Typography'
import NoteAddOutlinedIcon from '@mui/icons-material/NoteAddOutlined'
import { useTranslation } from 'react-i18next'
import type { CallSession } from '../../../../shared/ipc/callsContract'
import { addCallNote } from './callActions'
import { useCallStore } from './callStore'

/** A note is saved the moment it is entered (Enter). */
export function NotesPanel({ session }: { session: CallSession | null }) {
  const { t } = useTranslation()
  const [text, setText] = useState('')
  const [saving, setSaving] = useState(false)
  const inputRef = useRef<HTMLInputElement>(null)
  const focusRequest = useCallStore((s) => s.focusRequest)
  const live = session !== null && session.endedAt === null

  useEffect(() => {
    if (focusRequest?.target === 'note') inputRef.current?.focus()
  }, [focusRequest])

  const submit = async (event?: FormEvent) => {
    event?.preventDefault()
    const trimmed = text.trim()
    if (!live || saving || trimmed === '') return
    setSaving(true)
    try {
      await addCallNote(trimmed)
      setText('')
    } catch {
      // The call bar says why it was not saved; the text stays in the field.
    } finally {
      setSaving(false)
    }
  }

  return (
    <Box component="form" noValidate onSubmit={(event) => void submit(event)} data-testid="note-form">
      <Box sx={{ display: 'flex', gap: 0.75, alignItems: 'flex-start' }}>
        <TextField
          label={t('calls.notes.field')}
          value={text}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault()
              void submit()
            }
          }}
          disabled={!live}
          fullWidth
          inputRef={inputRef}
          slotProps={{
            htmlInput: { maxLength: 4000, 'data-testid': 'note-input', 'aria-keyshortcuts': 'Alt+N' },
          }}
        />
        <Tooltip title={t('calls.notes.add')}>
          <span>
            <IconButton
              type="submit"
              color="primary"
              disabled={!live || saving}
              aria-label={t('calls.notes.add')}
              data-testid="note-save"
              sx={{ mt: 0.25, border: '1px solid', borderColor: 'divider' }}
            >
              <NoteAddOutlinedIcon aria-hidden="true" />
            </IconButton>
          </span>
        </Tooltip>
      </Box>
      {!live && (
        <Typography variant="caption" sx={{ color: 'text.secondary' }}>
          {t('calls.notes.noCall')}
        </Typography>
      )}
    </Box>
  )
}
