import { useId, useRef, useState, type FormEvent } from 'react'
import Alert from '@mui/material/Alert'
import AlertTitle from '@mui/material/AlertTitle'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Dialog from '@mui/material/Dialog'
import DialogActions from '@mui/material/DialogActions'
import DialogContent from '@mui/material/DialogContent'
import DialogTitle from '@mui/material/DialogTitle'
import TextField from '@mui/material/TextField'
import { useTranslation } from 'react-i18next'
import type { NewCustomer } from '../../../shared/ipc/types'
import { createCustomer, toFailure } from '../actions'
import { LANGUAGES } from '../i18n'
import type { LookupFailure } from '../store'

const VERTICALS = ['telecom', 'ecommerce', 'saas'] as const
type Vertical = (typeof VERTICALS)[number]
type CustomerLanguage = (typeof LANGUAGES)[number]

const FIELDS = ['lastName', 'firstName', 'company', 'phone', 'email', 'language', 'vertical'] as const
type FieldName = (typeof FIELDS)[number]

export interface CreateCustomerDefaults {
  lastName?: string
  phone?: string
  email?: string
}

interface FormValues {
  lastName: string
  firstName: string
  company: string
  phone: string
  email: string
  language: CustomerLanguage
  vertical: Vertical
}

function isField(name: string): name is FieldName {
  return (FIELDS as readonly string[]).includes(name)
}

/** Splits the API's "field: message" issues so each can be shown at its field. */
function splitIssues(issues: string[]): { byField: Partial<Record<FieldName, string>>; general: string[] } {
  const byField: Partial<Record<FieldName, string>> = {}
  const general: string[] = []
  for (const issue of issues) {
    const match = /^([\w.[\]]+):\s*(.+)$/.exec(issue)
    const field = match?.[1]?.split('.')[0]
    if (match && field && isField(field))
      byField[field] = byField[field] ? `${byField[field]}; ${match[2]}` : match[2]
    else general.push(issue)
  }
  return { byField, general }
}

function toRequest(values: FormValues): NewCustomer {
  const request: NewCustomer = {
    lastName: values.lastName.trim(),
    language: values.language,
    vertical: values.vertical,
  }
  const optional = {
    firstName: values.firstName,
    company: values.company,
    phone: values.phone,
    email: values.email,
  }
  for (const [key, value] of Object.entries(optional) as [keyof typeof optional, string][]) {
    if (value.trim() !== '') request[key] = value.trim()
  }
  return request
}

export interface CreateCustomerDialogProps {
  defaults: CreateCustomerDefaults
  onClose(): void
}

/** "Kunde anlegen": a small form; on success the new customer's card replaces the unknown-caller view. */
export function CreateCustomerDialog({ defaults, onClose }: CreateCustomerDialogProps) {
  const { t, i18n } = useTranslation()
  const titleId = useId()
  const errorsId = useId()
  const lastNameRef = useRef<HTMLInputElement>(null)
  const [values, setValues] = useState<FormValues>({
    lastName: defaults.lastName ?? '',
    firstName: '',
    company: '',
    phone: defaults.phone ?? '',
    email: defaults.email ?? '',
    language: i18n.language === 'en' ? 'en' : 'de',
    vertical: 'telecom',
  })
  const [saving, setSaving] = useState(false)
  const [lastNameMissing, setLastNameMissing] = useState(false)
  const [failure, setFailure] = useState<LookupFailure | null>(null)

  const { byField, general } = splitIssues(failure?.issues ?? [])
  const fieldLabel = (field: FieldName) => t(`create.${field}`)

  const set = <K extends keyof FormValues>(key: K, value: FormValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }))
    if (key === 'lastName' && String(value).trim() !== '') setLastNameMissing(false)
  }

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (saving) return
    if (values.lastName.trim() === '') {
      setLastNameMissing(true)
      lastNameRef.current?.focus()
      return
    }
    setSaving(true)
    setFailure(null)
    try {
      await createCustomer(toRequest(values))
      onClose()
    } catch (err) {
      setFailure(toFailure(err))
      setSaving(false)
    }
  }

  const helper = (field: FieldName) => byField[field]
  const describedBy = failure ? errorsId : undefined

  return (
    <Dialog
      open
      onClose={() => {
        if (!saving) onClose()
      }}
      aria-labelledby={titleId}
      fullWidth
      maxWidth="sm"
      data-testid="create-customer-dialog"
    >
      <DialogTitle id={titleId}>{t('create.title')}</DialogTitle>
      <Box component="form" noValidate onSubmit={(e) => void submit(e)} aria-labelledby={titleId}>
        <DialogContent sx={{ display: 'grid', gap: 1.5, pt: 1 }}>
          {failure && (
            <Alert severity="error" id={errorsId} data-testid="create-customer-errors">
              <AlertTitle>{t('create.errorsTitle')}</AlertTitle>
              {failure.issues.length > 0 ? (
                <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
                  {Object.entries(byField).map(([field, message]) => (
                    <li key={field}>
                      {isField(field) ? fieldLabel(field) : field}: {message}
                    </li>
                  ))}
                  {general.map((issue) => (
                    <li key={issue}>{issue}</li>
                  ))}
                </Box>
              ) : (
                <>
                  {t(`errors.title.${failure.code}`)}: {failure.message}
                </>
              )}
            </Alert>
          )}
          <Box sx={{ display: 'grid', gap: 1.5, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' }, pt: 0.5 }}>
            <TextField
              label={t('create.lastName')}
              name="lastName"
              required
              autoFocus={values.lastName === ''}
              inputRef={lastNameRef}
              value={values.lastName}
              onChange={(e) => set('lastName', e.target.value)}
              error={lastNameMissing || Boolean(helper('lastName'))}
              helperText={lastNameMissing ? t('create.lastNameRequired') : helper('lastName')}
              slotProps={{
                htmlInput: { maxLength: 100, autoComplete: 'off', 'aria-describedby': describedBy },
              }}
            />
            <TextField
              label={t('create.firstName')}
              name="firstName"
              autoFocus={values.lastName !== ''}
              value={values.firstName}
              onChange={(e) => set('firstName', e.target.value)}
              error={Boolean(helper('firstName'))}
              helperText={helper('firstName')}
              slotProps={{ htmlInput: { maxLength: 100, autoComplete: 'off' } }}
            />
            <TextField
              label={t('create.company')}
              name="company"
              value={values.company}
              onChange={(e) => set('company', e.target.value)}
              error={Boolean(helper('company'))}
              helperText={helper('company')}
              slotProps={{ htmlInput: { maxLength: 200, autoComplete: 'off' } }}
              sx={{ gridColumn: { sm: '1 / -1' } }}
            />
            <TextField
              label={t('create.phone')}
              name="phone"
              type="tel"
              value={values.phone}
              onChange={(e) => set('phone', e.target.value)}
              error={Boolean(helper('phone'))}
              helperText={helper('phone')}
              slotProps={{ htmlInput: { maxLength: 40, autoComplete: 'off' } }}
            />
            <TextField
              label={t('create.email')}
              name="email"
              type="email"
              value={values.email}
              onChange={(e) => set('email', e.target.value)}
              error={Boolean(helper('email'))}
              helperText={helper('email')}
              slotProps={{ htmlInput: { maxLength: 254, autoComplete: 'off' } }}
            />
            <TextField
              select
              label={t('create.language')}
              name="language"
              value={values.language}
              onChange={(e) => set('language', e.target.value === 'en' ? 'en' : 'de')}
              error={Boolean(helper('language'))}
              helperText={helper('language')}
              slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
            >
              {LANGUAGES.map((lang) => (
                <option key={lang} value={lang}>
                  {t(`languages.${lang}`)}
                </option>
              ))}
            </TextField>
            <TextField
              select
              label={t('create.vertical')}
              name="vertical"
              value={values.vertical}
              onChange={(e) => {
                const next = VERTICALS.find((v) => v === e.target.value)
                if (next) set('vertical', next)
              }}
              error={Boolean(helper('vertical'))}
              helperText={helper('vertical')}
              slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
            >
              {VERTICALS.map((vertical) => (
                <option key={vertical} value={vertical}>
                  {t(`vertical.${vertical}`)}
                </option>
              ))}
            </TextField>
          </Box>
        </DialogContent>
        <DialogActions sx={{ px: 3, pb: 2 }}>
          <Button onClick={onClose} disabled={saving} size="medium">
            {t('create.cancel')}
          </Button>
          <Button
            type="submit"
            variant="contained"
            size="medium"
            loading={saving}
            data-testid="create-customer-submit"
          >
            {saving ? t('create.saving') : t('create.submit')}
          </Button>
        </DialogActions>
      </Box>
    </Dialog>
  )
}
