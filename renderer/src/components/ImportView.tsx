import { useEffect, useId, useRef, useState, type ReactNode } from 'react'
import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Checkbox from '@mui/material/Checkbox'
import FormControlLabel from '@mui/material/FormControlLabel'
import FormGroup from '@mui/material/FormGroup'
import LinearProgress from '@mui/material/LinearProgress'
import Paper from '@mui/material/Paper'
import Stack from '@mui/material/Stack'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import BlockIcon from '@mui/icons-material/Block'
import CheckCircleOutlinedIcon from '@mui/icons-material/CheckCircleOutlined'
import DownloadIcon from '@mui/icons-material/Download'
import RemoveCircleOutlinedIcon from '@mui/icons-material/RemoveCircleOutlined'
import RestartAltIcon from '@mui/icons-material/RestartAlt'
import { useTranslation } from 'react-i18next'
import { INTENT_SCALES, type IntentScale } from '../../../shared/domain/intent'
import { toFailure } from '../actions'
import { call } from '../api/transport'
import { useFormat, type Formatters } from '../i18n/format'
import {
  EXPORT_KINDS,
  IMPORT_FORMATS,
  IMPORT_TYPES,
  RECORD_FORMATS,
  REPORT_COUNTS,
  baseName,
  cleanMapping,
  downloadBlob,
  downloadText,
  fetchExport,
  formatFromFileName,
  guessFormat,
  readHead,
  rejectsCsv,
  uploadFile,
  type ColumnMapping,
  type ExportKind,
  type ExportStatus,
  type ImportFormat,
  type ImportJobStatus,
  type ImportPreview,
  type ImportReport,
  type ImportType,
} from '../import/importFile'
import type { LookupFailure } from '../store'
import { visuallyHidden } from '../theme'
import { LookupError } from './LookupError'

const POLL_MS = 300
const MAX_REJECTS_SHOWN = 100
const FILE_ACCEPT = '.csv,.tsv,.txt,.json,.ndjson,.jsonl,text/csv,application/json,application/x-ndjson'

/** Mapping fields that name a column of the file. */
type ColumnField = 'nps' | 'intent' | 'comment' | 'customerKey' | 'responseId' | 'answeredAt'
const COLUMN_FIELDS: readonly ColumnField[] = [
  'nps',
  'intent',
  'comment',
  'customerKey',
  'responseId',
  'answeredAt',
]
type MappingField = ColumnField | 'intentScale' | 'customerKeyKind'

const KEY_KINDS = ['customer_no', 'email', 'phone', 'external'] as const
type KeyKind = (typeof KEY_KINDS)[number]

const COUNTS = REPORT_COUNTS

/** Generic files go under a source the user names; the survey tools have their own. */
const NAMED_SOURCE_FORMATS: readonly FormatChoice[] = ['generic-csv', 'json']
/** What the core accepts as a source name (ImportSourceNameSchema). */
const SOURCE_NAME = /^[\p{L}\p{N}][\p{L}\p{N} ._-]*$/u
const isSourceName = (value: string): boolean => value.trim().length <= 64 && SOURCE_NAME.test(value.trim())

type FormatChoice = ImportFormat | ''

interface ChosenFile {
  name: string
  size: number
}

interface UploadProgress {
  sent: number
  total: number
}

/** What the polite live region says; rendered in the current UI language. */
type Announcement =
  | { key: 'uploaded' | 'started' | 'cancelled' | 'failed' }
  | { key: 'preview'; columns: number; format: ImportFormat }
  | { key: 'done'; imported: number; rejected: number }

interface ShownError {
  failure: LookupFailure
  retry?: () => void
}

const isFormat = (value: string): value is ImportFormat =>
  (IMPORT_FORMATS as readonly string[]).includes(value)
const isImportType = (value: string): value is ImportType =>
  (IMPORT_TYPES as readonly string[]).includes(value)
const isScale = (value: string): value is IntentScale => (INTENT_SCALES as readonly string[]).includes(value)
const isKeyKind = (value: string): value is KeyKind => (KEY_KINDS as readonly string[]).includes(value)

function formatBytes(bytes: number, fmt: Formatters): string {
  if (bytes < 1024) return `${fmt.number(bytes)} B`
  if (bytes < 1024 * 1024) return `${fmt.decimal(bytes / 1024, bytes < 10 * 1024 ? 1 : 0)} KB`
  return `${fmt.decimal(bytes / (1024 * 1024), 1)} MB`
}

/** A mapping with one field changed; "" (automatic) removes the field. */
function withField(mapping: ColumnMapping, field: MappingField, value: string): ColumnMapping {
  const next: ColumnMapping = { ...mapping }
  if (value === '') {
    delete next[field]
  } else if (field === 'intentScale') {
    if (isScale(value)) next.intentScale = value
  } else if (field === 'customerKeyKind') {
    if (isKeyKind(value)) next.customerKeyKind = value
  } else {
    next[field] = value
  }
  return next
}

function Section({
  id,
  title,
  testId,
  children,
  headingRef,
}: {
  id: string
  title: string
  testId?: string
  children: ReactNode
  headingRef?: React.Ref<HTMLHeadingElement>
}) {
  return (
    <Paper
      component="section"
      variant="outlined"
      aria-labelledby={id}
      data-testid={testId}
      sx={{ p: { xs: 1.5, md: 2 }, minWidth: 0 }}
    >
      <Typography
        component="h2"
        variant="h2"
        id={id}
        ref={headingRef}
        tabIndex={headingRef ? -1 : undefined}
        sx={{ fontSize: '1.15rem', mb: 1, '&:focus': { outline: 'none' } }}
      >
        {title}
      </Typography>
      {children}
    </Paper>
  )
}

/** An empty value in a table: a dash to see, a word to hear. */
function Empty() {
  const { t } = useTranslation()
  return (
    <>
      <span aria-hidden="true">–</span>
      <Box component="span" sx={visuallyHidden}>
        {t('import.mapping.empty')}
      </Box>
    </>
  )
}

function NativeSelect({
  label,
  value,
  onChange,
  disabled,
  testId,
  children,
}: {
  label: string
  value: string
  onChange(value: string): void
  disabled?: boolean
  testId: string
  children: ReactNode
}) {
  return (
    <TextField
      select
      fullWidth
      label={label}
      value={value}
      disabled={disabled}
      onChange={(event) => onChange(event.target.value)}
      slotProps={{
        select: { native: true },
        inputLabel: { shrink: true },
        htmlInput: { 'data-testid': testId },
      }}
    >
      {children}
    </TextField>
  )
}

// ---------------------------------------------------------------------------------------------
// Step 1: file and format
// ---------------------------------------------------------------------------------------------

function FileStep({
  inputRef,
  file,
  upload,
  format,
  type,
  disabled,
  formatDisabled,
  onFile,
  onFormat,
  onType,
}: {
  inputRef: React.RefObject<HTMLInputElement | null>
  file: ChosenFile | null
  upload: UploadProgress | null
  format: FormatChoice
  type: ImportType
  disabled: boolean
  formatDisabled: boolean
  onFile(file: File): void
  onFormat(format: FormatChoice): void
  onType(type: ImportType): void
}) {
  const { t } = useTranslation()
  const fmt = useFormat()
  const inputId = useId()
  const hintId = useId()
  const uploadTextId = useId()
  const done = upload !== null && upload.sent >= upload.total
  const percent = upload ? (upload.total === 0 ? 100 : Math.round((upload.sent / upload.total) * 100)) : 0

  return (
    <Section id="import-file-heading" title={t('import.file.title')}>
      <Box
        sx={{
          display: 'grid',
          gap: 2,
          gridTemplateColumns: { xs: '1fr', md: 'minmax(0, 2fr) minmax(0, 1fr) minmax(0, 1fr)' },
          alignItems: 'start',
        }}
      >
        <Box>
          <Typography
            component="label"
            htmlFor={inputId}
            variant="body2"
            sx={{ display: 'block', fontWeight: 600, mb: 0.5 }}
          >
            {t('import.file.label')}
          </Typography>
          <Box
            component="input"
            ref={inputRef}
            id={inputId}
            type="file"
            accept={FILE_ACCEPT}
            disabled={disabled}
            aria-describedby={hintId}
            data-testid="import-file"
            onChange={(event: React.ChangeEvent<HTMLInputElement>) => {
              const chosen = event.target.files?.[0]
              if (chosen) onFile(chosen)
            }}
            sx={{
              display: 'block',
              width: '100%',
              p: 1,
              border: '1px dashed',
              borderColor: 'text.secondary',
              borderRadius: 1,
              font: 'inherit',
              color: 'text.primary',
              bgcolor: 'background.paper',
              cursor: disabled ? 'default' : 'pointer',
              '&:focus-visible': { outline: '2px solid', outlineColor: 'primary.main', outlineOffset: 2 },
            }}
          />
          <Typography id={hintId} variant="body2" sx={{ color: 'text.secondary', mt: 0.5 }}>
            {t('import.file.hint')}
          </Typography>
        </Box>
        <NativeSelect
          label={t('import.file.type')}
          value={type}
          disabled={formatDisabled}
          testId="import-type"
          onChange={(value) => onType(isImportType(value) ? value : 'feedback')}
        >
          {IMPORT_TYPES.map((k) => (
            <option key={k} value={k}>
              {t(`import.type.${k}`)}
            </option>
          ))}
        </NativeSelect>
        <NativeSelect
          label={t('import.file.format')}
          value={format}
          disabled={formatDisabled}
          testId="import-format"
          onChange={(value) => onFormat(isFormat(value) ? value : '')}
        >
          <option value="">{t('import.format.auto')}</option>
          {(type === 'feedback' ? IMPORT_FORMATS : RECORD_FORMATS).map((f) => (
            <option key={f} value={f}>
              {t(`import.format.${f}`)}
            </option>
          ))}
        </NativeSelect>
      </Box>

      {file && upload && (
        <Box sx={{ mt: 2 }}>
          <Typography variant="body2" sx={{ mb: 0.5 }} data-testid="import-file-chosen">
            {t('import.file.chosen', { name: file.name, size: formatBytes(file.size, fmt) })}
          </Typography>
          <LinearProgress
            variant="determinate"
            value={percent}
            aria-label={t('import.file.uploadLabel')}
            aria-describedby={uploadTextId}
            data-testid="import-upload-progress"
            data-done={done}
          />
          <Typography id={uploadTextId} variant="body2" sx={{ color: 'text.secondary', mt: 0.5 }}>
            {done
              ? t('import.file.uploaded', { total: formatBytes(upload.total, fmt) })
              : t('import.file.uploading', {
                  sent: formatBytes(upload.sent, fmt),
                  total: formatBytes(upload.total, fmt),
                })}
          </Typography>
        </Box>
      )}
    </Section>
  )
}

// ---------------------------------------------------------------------------------------------
// Step 2: preview, mapping, sample
// ---------------------------------------------------------------------------------------------

function PreviewTable({ preview, mapping }: { preview: ImportPreview; mapping: ColumnMapping }) {
  const { t } = useTranslation()
  const captionId = useId()
  const roles = new Map<string, string[]>()
  for (const field of COLUMN_FIELDS) {
    const column = mapping[field]
    if (column) roles.set(column, [...(roles.get(column) ?? []), t(`import.field.${field}`)])
  }
  if (preview.rows.length === 0) {
    return (
      <Typography variant="body2" sx={{ color: 'text.secondary' }} data-testid="import-preview-empty">
        {preview.sample.length > 0 ? t('import.mapping.noTable') : t('import.mapping.noRows')}
      </Typography>
    )
  }
  return (
    <>
      <Typography id={captionId} variant="body2" sx={{ color: 'text.secondary', mb: 0.5 }}>
        {t('import.mapping.previewCaption', {
          count: preview.rows.length,
          columns: preview.columns.length,
        })}
      </Typography>
      {/* Focusable so keyboard users can scroll it when the columns do not fit. */}
      <Box
        role="region"
        aria-labelledby={captionId}
        tabIndex={0}
        sx={{
          // Positioned, so the visually hidden texts in its cells are clipped with it.
          position: 'relative',
          overflow: 'auto',
          maxHeight: 320,
          border: '1px solid',
          borderColor: 'divider',
          borderRadius: 1,
        }}
      >
        <Table size="small" stickyHeader aria-labelledby={captionId} data-testid="import-preview">
          <TableHead>
            <TableRow>
              {preview.columns.map((column) => (
                <TableCell
                  key={column}
                  scope="col"
                  data-column={column}
                  sx={{ whiteSpace: 'nowrap', verticalAlign: 'bottom' }}
                >
                  {column}
                  {roles.has(column) && (
                    <Box
                      component="span"
                      sx={{ display: 'block', fontWeight: 400, color: 'primary.main' }}
                      data-testid="import-preview-role"
                    >
                      {t('import.mapping.mappedAs', { field: roles.get(column)?.join(', ') ?? '' })}
                    </Box>
                  )}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {preview.rows.map((row, i) => (
              <TableRow key={i} data-testid="import-preview-row">
                {preview.columns.map((column) => {
                  const value = row[column] ?? ''
                  return (
                    <TableCell
                      key={column}
                      title={value.length > 40 ? value : undefined}
                      sx={{
                        maxWidth: 240,
                        overflow: 'hidden',
                        textOverflow: 'ellipsis',
                        whiteSpace: 'nowrap',
                      }}
                    >
                      {value === '' ? <Empty /> : value}
                    </TableCell>
                  )
                })}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Box>
    </>
  )
}

/** Survey exports with several open-text questions: which further texts go into the comment. */
function MoreComments({
  preview,
  mapping,
  disabled,
  onChange,
}: {
  preview: ImportPreview
  mapping: ColumnMapping
  disabled: boolean
  onChange(next: string[]): void
}) {
  const { t } = useTranslation()
  const legendId = useId()
  const hintId = useId()
  const comment = mapping.comment ?? ''
  const others = preview.textColumns.filter((c) => c !== comment)
  if (preview.textColumns.length < 2 || others.length === 0) return null
  const chosen = (mapping.moreComments ?? []).filter((c) => c !== comment)
  const toggle = (column: string, on: boolean) =>
    // In file order, so the texts are appended the way the survey asks them.
    onChange(others.filter((c) => (c === column ? on : chosen.includes(c))))
  return (
    <Box
      component="fieldset"
      aria-labelledby={legendId}
      aria-describedby={hintId}
      data-testid="import-more-comments"
      sx={{ border: 0, m: 0, p: 0, mt: 2, minWidth: 0 }}
    >
      <Typography component="legend" id={legendId} variant="body2" sx={{ fontWeight: 600, p: 0 }}>
        {t('import.mapping.moreComments')}
      </Typography>
      <Typography id={hintId} variant="body2" sx={{ color: 'text.secondary' }}>
        {t('import.mapping.moreCommentsHint')}
      </Typography>
      <FormGroup row>
        {others.map((column) => (
          <FormControlLabel
            key={column}
            label={column}
            disabled={disabled}
            control={
              <Checkbox
                checked={chosen.includes(column)}
                onChange={(event) => toggle(column, event.target.checked)}
                slotProps={{ input: { 'data-testid': `import-more-comment-${column}` } as object }}
              />
            }
          />
        ))}
      </FormGroup>
    </Box>
  )
}

function MappingFields({
  preview,
  mapping,
  disabled,
  onChange,
}: {
  preview: ImportPreview
  mapping: ColumnMapping
  disabled: boolean
  onChange(field: MappingField, value: string): void
}) {
  const { t } = useTranslation()
  // One select per mapping field: the options are column names, or a fixed list with labels.
  const select = (field: MappingField, options: readonly { value: string; label: string }[]) => (
    <NativeSelect
      label={t(`import.field.${field}`)}
      value={mapping[field] ?? ''}
      disabled={disabled}
      testId={`import-map-${field}`}
      onChange={(next) => onChange(field, next)}
    >
      <option value="">{t('import.mapping.auto')}</option>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </NativeSelect>
  )
  const columnSelect = (field: ColumnField) => {
    const value = mapping[field] ?? ''
    // A saved mapping may name a column this file spells differently: keep it visible.
    const columns =
      value !== '' && !preview.columns.includes(value) ? [...preview.columns, value] : preview.columns
    return select(
      field,
      columns.map((c) => ({ value: c, label: c })),
    )
  }
  return (
    <Box
      sx={{
        display: 'grid',
        gap: 2,
        gridTemplateColumns: { xs: '1fr', sm: 'repeat(2, minmax(0, 1fr))', lg: 'repeat(4, minmax(0, 1fr))' },
      }}
    >
      {columnSelect('nps')}
      {columnSelect('intent')}
      {select(
        'intentScale',
        INTENT_SCALES.map((scale) => ({ value: scale, label: t(`import.scale.${scale}`) })),
      )}
      {columnSelect('comment')}
      {columnSelect('customerKey')}
      {select(
        'customerKeyKind',
        KEY_KINDS.map((kind) => ({ value: kind, label: t(`import.keyKind.${kind}`) })),
      )}
      {columnSelect('responseId')}
      {columnSelect('answeredAt')}
    </Box>
  )
}

function SampleTable({ sample }: { sample: ImportPreview['sample'] }) {
  const { t } = useTranslation()
  const fmt = useFormat()
  const captionId = useId()
  const number = (value: number | null | undefined) =>
    value === null || value === undefined ? <Empty /> : fmt.number(value)
  return (
    <>
      <Typography component="h3" variant="h3" id={captionId} sx={{ mt: 2, mb: 0.5 }}>
        {t('import.mapping.sampleTitle')}
      </Typography>
      {sample.length === 0 ? (
        <Typography variant="body2" sx={{ color: 'text.secondary' }} data-testid="import-sample">
          {t('import.mapping.sampleEmpty')}
        </Typography>
      ) : (
        <>
          <Typography variant="body2" sx={{ color: 'text.secondary', mb: 0.5 }}>
            {t('import.mapping.sampleIntro')}
          </Typography>
          <Box sx={{ position: 'relative', overflowX: 'auto' }}>
            <Table size="small" aria-labelledby={captionId} data-testid="import-sample">
              <TableHead>
                <TableRow>
                  <TableCell scope="col">{t('import.mapping.line')}</TableCell>
                  <TableCell scope="col">{t('import.mapping.result')}</TableCell>
                  <TableCell scope="col" align="right">
                    {t('import.field.nps')}
                  </TableCell>
                  <TableCell scope="col" align="right">
                    {t('import.field.intent')}
                  </TableCell>
                  <TableCell scope="col">{t('import.field.comment')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {sample.map((s) => {
                  const skipped = !s.ok && /^skipped\b/i.test(s.reason ?? '')
                  const kind = s.ok ? 'ok' : skipped ? 'skipped' : 'rejected'
                  return (
                    <TableRow
                      key={s.line}
                      data-testid="import-sample-row"
                      data-line={s.line}
                      data-result={kind}
                      sx={{ verticalAlign: 'top' }}
                    >
                      <TableCell
                        component="th"
                        scope="row"
                        sx={{
                          fontWeight: 400,
                          whiteSpace: 'nowrap',
                          borderLeft: '4px solid',
                          borderLeftColor:
                            kind === 'ok' ? 'success.main' : kind === 'skipped' ? 'divider' : 'error.main',
                        }}
                      >
                        {s.line}
                      </TableCell>
                      <TableCell>
                        <Stack direction="row" spacing={0.5} sx={{ alignItems: 'flex-start' }}>
                          {kind === 'ok' && (
                            <CheckCircleOutlinedIcon fontSize="small" color="success" aria-hidden="true" />
                          )}
                          {kind === 'rejected' && (
                            <BlockIcon fontSize="small" color="error" aria-hidden="true" />
                          )}
                          {kind === 'skipped' && (
                            <RemoveCircleOutlinedIcon fontSize="small" color="action" aria-hidden="true" />
                          )}
                          <Box>
                            <Box
                              component="span"
                              sx={{
                                fontWeight: 600,
                                color: kind === 'rejected' ? 'error.main' : 'text.primary',
                              }}
                            >
                              {t(`import.mapping.${kind}`)}
                            </Box>
                            {!s.ok && s.reason && (
                              <Box component="span" data-testid="import-sample-reason">
                                {`: ${kind === 'skipped' ? s.reason.replace(/^skipped:\s*/i, '') : s.reason}`}
                              </Box>
                            )}
                          </Box>
                        </Stack>
                      </TableCell>
                      <TableCell align="right">{number(s.nps)}</TableCell>
                      <TableCell align="right">{number(s.intent)}</TableCell>
                      <TableCell sx={{ maxWidth: 360, overflowWrap: 'anywhere' }}>
                        {s.comment ? s.comment : <Empty />}
                      </TableCell>
                    </TableRow>
                  )
                })}
              </TableBody>
            </Table>
          </Box>
        </>
      )}
    </>
  )
}

// ---------------------------------------------------------------------------------------------
// Step 3 and the report
// ---------------------------------------------------------------------------------------------

type EtaKey = 'import.run.etaUnknown' | 'import.run.etaSeconds' | 'import.run.etaMinutes'

// Takes a narrow translate function: i18next's full `t` type over every key is too deep for tsc here.
function etaText(
  seconds: number | null,
  t: (key: EtaKey, values?: Record<string, number>) => string,
): string {
  if (seconds === null || !Number.isFinite(seconds)) return t('import.run.etaUnknown')
  const whole = Math.max(0, Math.round(seconds))
  if (whole < 60) return t('import.run.etaSeconds', { seconds: whole })
  return t('import.run.etaMinutes', { minutes: Math.floor(whole / 60), seconds: whole % 60 })
}

function JobProgress({
  job,
  cancelling,
  onCancel,
}: {
  job: ImportJobStatus | null
  cancelling: boolean
  onCancel(): void
}) {
  const { t } = useTranslation()
  const fmt = useFormat()
  const textId = useId()
  const running = job === null || job.state === 'running'
  const fraction = job?.fraction ?? null
  const rows = job?.rows ?? 0
  const parts = [
    ...(fraction !== null ? [fmt.percent(fraction)] : []),
    t('import.run.rows', { count: rows, formatted: fmt.number(rows) }),
    t('import.run.rate', { rate: fmt.number(Math.round(job?.rowsPerSecond ?? 0)) }),
    ...(running ? [etaText(job?.etaSeconds ?? null, (key, values) => t(key, values ?? {}))] : []),
  ]
  return (
    <Box data-testid="import-running" data-state={job?.state ?? 'running'}>
      <LinearProgress
        variant={fraction === null ? 'indeterminate' : 'determinate'}
        value={fraction === null ? undefined : Math.round(fraction * 100)}
        aria-label={t('import.run.progressLabel')}
        aria-describedby={textId}
        data-testid="import-progress"
      />
      <Typography
        id={textId}
        variant="body2"
        sx={{ mt: 0.5, fontVariantNumeric: 'tabular-nums' }}
        data-testid="import-progress-text"
      >
        {parts.join(' · ')}
      </Typography>
      {running && (
        <Button
          variant="outlined"
          color="error"
          onClick={onCancel}
          disabled={cancelling || job === null}
          data-testid="import-cancel"
          sx={{ mt: 1 }}
        >
          {cancelling ? t('import.run.cancelling') : t('import.run.cancel')}
        </Button>
      )}
    </Box>
  )
}

function ImportReportView({
  job,
  fileName,
  headingRef,
  onAgain,
}: {
  job: ImportJobStatus
  fileName: string
  headingRef: React.Ref<HTMLHeadingElement>
  onAgain(): void
}) {
  const { t } = useTranslation()
  const fmt = useFormat()
  const rejectsId = useId()
  const report: ImportReport | null = job.report
  const shown = report ? report.rejects.slice(0, MAX_REJECTS_SHOWN) : []

  const download = () => {
    if (!report) return
    const csv = rejectsCsv(report, {
      line: t('import.report.csvLine'),
      reason: t('import.report.csvReason'),
      counts: {
        imported: t('import.report.imported'),
        updated: t('import.report.updated'),
        duplicates: t('import.report.duplicates'),
        skipped: t('import.report.skipped'),
        rejected: t('import.report.rejected'),
      },
    })
    downloadText(csv, t('import.report.fileName', { name: baseName(fileName) }))
  }

  return (
    <Section id="import-report-heading" title={t('import.report.title')} headingRef={headingRef}>
      <Stack spacing={2} data-testid="import-report" data-state={job.state}>
        {job.state === 'done' && report && (
          <Alert severity="success" variant="outlined" data-testid="import-report-summary">
            {t('import.report.done', {
              rows: fmt.number(report.rows),
              duration:
                report.ms < 1000
                  ? `${fmt.number(Math.round(report.ms))} ms`
                  : `${fmt.decimal(report.ms / 1000, 1)} s`,
            })}
          </Alert>
        )}
        {job.state === 'cancelled' && (
          <Alert severity="warning" variant="outlined" data-testid="import-report-summary">
            {t('import.report.cancelled', { rows: fmt.number(report?.rows ?? job.rows) })}
          </Alert>
        )}
        {job.state === 'failed' && (
          <Alert severity="error" data-testid="import-report-summary">
            {t('import.report.failed', { message: job.error ?? '' })}
          </Alert>
        )}

        {report && (
          <Box
            component="dl"
            sx={{
              m: 0,
              display: 'grid',
              gap: 1,
              gridTemplateColumns: { xs: 'repeat(2, minmax(0, 1fr))', md: 'repeat(5, minmax(0, 1fr))' },
            }}
          >
            {COUNTS.map((key) => (
              <Box
                key={key}
                data-testid={`import-count-${key}`}
                data-count={report[key]}
                sx={{
                  p: 1,
                  border: '1px solid',
                  borderColor: key === 'rejected' && report.rejected > 0 ? 'error.main' : 'divider',
                  borderRadius: 1,
                }}
              >
                <Box component="dt" sx={{ fontSize: '0.8125rem', color: 'text.secondary' }}>
                  {t(`import.report.${key}`)}
                </Box>
                <Box
                  component="dd"
                  sx={{ m: 0, fontSize: '1.4rem', fontWeight: 700, fontVariantNumeric: 'tabular-nums' }}
                >
                  {fmt.number(report[key])}
                </Box>
              </Box>
            ))}
          </Box>
        )}

        {report && report.loopsCreated > 0 && (
          <Typography variant="body2" data-testid="import-loops-created">
            {t('import.report.loopsCreated', { count: report.loopsCreated })}
          </Typography>
        )}

        {report && report.rejected === 0 && (
          <Typography variant="body2" data-testid="import-no-rejects">
            {t('import.report.noRejects')}
          </Typography>
        )}

        {report && report.rejected > 0 && (
          <Box>
            <Typography component="h3" variant="h3" id={rejectsId} sx={{ mb: 0.5 }}>
              {t('import.report.rejectsTitle')}
            </Typography>
            <Box
              sx={{ position: 'relative', overflow: 'auto', maxHeight: 360 }}
              tabIndex={0}
              role="region"
              aria-labelledby={rejectsId}
            >
              <Table size="small" stickyHeader data-testid="import-rejects">
                <caption>
                  {report.rejected > shown.length
                    ? t('import.report.rejectsShown', {
                        shown: fmt.number(shown.length),
                        total: fmt.number(report.rejected),
                      })
                    : t('import.report.rejectsAll', { count: report.rejected })}
                </caption>
                <TableHead>
                  <TableRow>
                    <TableCell scope="col" sx={{ width: '6em' }}>
                      {t('import.report.line')}
                    </TableCell>
                    <TableCell scope="col">{t('import.report.reason')}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {shown.map((r, i) => (
                    <TableRow key={`${r.line}:${i}`} data-testid="import-reject-row" data-line={r.line}>
                      <TableCell component="th" scope="row" sx={{ fontWeight: 400 }}>
                        {r.line}
                      </TableCell>
                      <TableCell sx={{ overflowWrap: 'anywhere' }}>{r.reason}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </Box>
          </Box>
        )}

        <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
          {report && (
            <Button
              variant="outlined"
              startIcon={<DownloadIcon aria-hidden="true" />}
              onClick={download}
              data-testid="import-rejects-download"
            >
              {t('import.report.download')}
            </Button>
          )}
          <Button
            variant="contained"
            startIcon={<RestartAltIcon aria-hidden="true" />}
            onClick={onAgain}
            data-testid="import-again"
          >
            {t('import.report.again')}
          </Button>
        </Stack>
      </Stack>
    </Section>
  )
}

// ---------------------------------------------------------------------------------------------
// Source name of generic files
// ---------------------------------------------------------------------------------------------

function SourceField({
  value,
  sources,
  disabled,
  onChange,
  onCommit,
}: {
  value: string
  sources: readonly string[]
  disabled: boolean
  onChange(value: string): void
  onCommit(): void
}) {
  const { t } = useTranslation()
  const listId = useId()
  const empty = value.trim() === ''
  const invalid = !empty && !isSourceName(value)
  return (
    <Box sx={{ mb: 2 }}>
      <TextField
        label={t('import.source.label')}
        value={value}
        disabled={disabled}
        required
        error={empty || invalid}
        helperText={
          empty ? t('import.source.required') : invalid ? t('import.source.invalid') : t('import.source.hint')
        }
        onChange={(event) => onChange(event.target.value)}
        onBlur={onCommit}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault()
            onCommit()
          }
        }}
        slotProps={{
          inputLabel: { shrink: true },
          htmlInput: { list: listId, maxLength: 64, autoComplete: 'off', 'data-testid': 'import-source' },
        }}
        sx={{ width: '100%', maxWidth: 480 }}
      />
      <datalist id={listId}>
        {sources.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
    </Box>
  )
}

// ---------------------------------------------------------------------------------------------
// Export
// ---------------------------------------------------------------------------------------------

/** Customers (segment, risk), feedback or loops with their history as CSV, downloaded in the browser. */
function ExportPanel() {
  const { t, i18n } = useTranslation()
  const fmt = useFormat()
  const [kind, setKind] = useState<ExportKind>('customers')
  const [delimiter, setDelimiter] = useState<',' | ';'>(() =>
    (i18n.language ?? 'de').startsWith('en') ? ',' : ';',
  )
  const [status, setStatus] = useState<ExportStatus | null>(null)
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<LookupFailure | null>(null)
  const mounted = useRef(true)
  useEffect(() => {
    mounted.current = true
    return () => {
      mounted.current = false
    }
  }, [])

  async function run(): Promise<void> {
    setBusy(true)
    setFailure(null)
    setStatus(null)
    try {
      const result = await fetchExport(kind, delimiter, {
        onStatus: (next) => {
          if (mounted.current) setStatus(next)
        },
        isStale: () => !mounted.current,
      })
      if (!result) return
      const date = new Date().toISOString().slice(0, 10)
      downloadBlob(result.blob, t('import.export.fileName', { kind: t(`import.export.file.${kind}`), date }))
    } catch (err) {
      if (mounted.current) setFailure(toFailure(err))
    } finally {
      if (mounted.current) setBusy(false)
    }
  }

  return (
    <Section id="export-heading" title={t('import.export.title')} testId="export-panel">
      <Typography variant="body2" sx={{ color: 'text.secondary', mb: 1.5 }}>
        {t('import.export.intro')}
      </Typography>
      <Box
        sx={{
          display: 'grid',
          gap: 2,
          gridTemplateColumns: { xs: '1fr', md: 'minmax(0, 1fr) minmax(0, 1fr) auto' },
          alignItems: 'start',
        }}
      >
        <NativeSelect
          label={t('import.export.kind')}
          value={kind}
          disabled={busy}
          testId="export-kind"
          onChange={(value) => {
            const next = EXPORT_KINDS.find((k) => k === value)
            if (next) setKind(next)
          }}
        >
          {EXPORT_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`import.export.kinds.${k}`)}
            </option>
          ))}
        </NativeSelect>
        <NativeSelect
          label={t('import.export.delimiter')}
          value={delimiter}
          disabled={busy}
          testId="export-delimiter"
          onChange={(value) => setDelimiter(value === ',' ? ',' : ';')}
        >
          <option value=";">{t('import.export.semicolon')}</option>
          <option value=",">{t('import.export.comma')}</option>
        </NativeSelect>
        <Button
          variant="contained"
          startIcon={<DownloadIcon aria-hidden="true" />}
          onClick={() => void run()}
          disabled={busy}
          data-testid="export-start"
          sx={{ mt: { md: 0.5 } }}
        >
          {busy ? t('import.export.running') : t('import.export.start')}
        </Button>
      </Box>
      {busy && (
        <LinearProgress
          sx={{ mt: 1.5 }}
          aria-label={t('import.export.progressLabel')}
          data-testid="export-progress"
        />
      )}
      <Typography
        role="status"
        aria-live="polite"
        variant="body2"
        sx={{ mt: 1, fontVariantNumeric: 'tabular-nums' }}
        data-testid="export-status"
        data-state={status?.state ?? ''}
        data-rows={status?.rows ?? ''}
      >
        {status === null
          ? ''
          : status.state === 'done'
            ? t('import.export.done', { count: status.rows, formatted: fmt.number(status.rows) })
            : status.state === 'running'
              ? t('import.export.rows', { count: status.rows, formatted: fmt.number(status.rows) })
              : ''}
      </Typography>
      {failure && (
        <Box sx={{ mt: 1 }}>
          <LookupError failure={failure} testId="export-error" onRetry={() => void run()} />
        </Box>
      )}
    </Section>
  )
}

// ---------------------------------------------------------------------------------------------
// The view
// ---------------------------------------------------------------------------------------------

/** Import of survey responses for team leads: choose a file, map its columns, import, read the report. */
export function ImportView() {
  const { t } = useTranslation()
  const inputRef = useRef<HTMLInputElement>(null)
  const reportHeadingRef = useRef<HTMLHeadingElement>(null)
  const errorRef = useRef<HTMLDivElement>(null)
  const [file, setFile] = useState<ChosenFile | null>(null)
  const [upload, setUpload] = useState<UploadProgress | null>(null)
  const [uploadId, setUploadId] = useState<string | null>(null)
  const [format, setFormatState] = useState<FormatChoice>('')
  const [importType, setImportType] = useState<ImportType>('feedback')
  const [formatTouched, setFormatTouched] = useState(false)
  const [preview, setPreview] = useState<ImportPreview | null>(null)
  const [previewBusy, setPreviewBusy] = useState(false)
  const [mapping, setMapping] = useState<ColumnMapping>({})
  // The source name as typed, and the one the shown preview (and its saved mapping) belongs to.
  const [source, setSource] = useState('')
  const sourceRef = useRef('')
  const [sources, setSources] = useState<string[]>([])
  const [jobId, setJobId] = useState<string | null>(null)
  const [job, setJob] = useState<ImportJobStatus | null>(null)
  const [pollNonce, setPollNonce] = useState(0)
  const [starting, setStarting] = useState(false)
  const [cancelling, setCancelling] = useState(false)
  const [error, setError] = useState<ShownError | null>(null)
  const [announcement, setAnnouncement] = useState<Announcement | null>(null)
  // Async answers for an older file, an older preview request or a reset view are dropped.
  const runRef = useRef(0)
  const previewSeq = useRef(0)
  // The format as last chosen, for answers that arrive after it changed.
  const formatRef = useRef<FormatChoice>('')

  const setFormat = (next: FormatChoice) => {
    formatRef.current = next
    setFormatState(next)
  }

  const running = jobId !== null && (job === null || job.state === 'running')
  const finished = job !== null && job.state !== 'running'
  const locked = jobId !== null

  // Poll the job every 300 ms until it is no longer running.
  useEffect(() => {
    if (jobId === null) return
    let live = true
    let timer: number | undefined
    const tick = () => {
      call('import.status', { jobId }).then(
        (status) => {
          if (!live) return
          setJob(status)
          if (status.state === 'running') {
            timer = window.setTimeout(tick, POLL_MS)
          } else {
            setCancelling(false)
            setAnnouncement(
              status.state === 'done'
                ? {
                    key: 'done',
                    imported: status.report?.imported ?? status.imported,
                    rejected: status.report?.rejected ?? 0,
                  }
                : { key: status.state },
            )
          }
        },
        (err: unknown) => {
          if (!live) return
          setError({ failure: toFailure(err), retry: () => setPollNonce((n) => n + 1) })
        },
      )
    }
    timer = window.setTimeout(tick, POLL_MS)
    return () => {
      live = false
      window.clearTimeout(timer)
    }
  }, [jobId, pollNonce])

  // An error shows above the steps: bring it into view (it is announced as an alert anyway).
  useEffect(() => {
    if (error) errorRef.current?.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' })
  }, [error])

  // The report takes focus when it appears, so keyboard and screen-reader users land on it.
  useEffect(() => {
    if (finished) reportHeadingRef.current?.focus()
  }, [finished])

  async function loadPreview(
    id: string,
    fmt: FormatChoice,
    map: ColumnMapping | null,
    src?: string,
  ): Promise<void> {
    const seq = ++previewSeq.current
    setPreviewBusy(true)
    setError(null)
    // A source name only means something to the formats that have one (see the core).
    const sendSource =
      src !== undefined && src !== '' && (NAMED_SOURCE_FORMATS.includes(fmt) || fmt === 'formbricks-webhook')
    try {
      const result = await call('import.preview', {
        uploadId: id,
        ...(fmt !== '' ? { format: fmt } : {}),
        ...(map ? { mapping: cleanMapping(map) } : {}),
        ...(sendSource ? { source: src } : {}),
      })
      if (seq !== previewSeq.current) return
      setPreview(result)
      setFormat(result.format)
      sourceRef.current = result.source ?? ''
      setSource(result.source ?? '')
      setSources(result.sources)
      if (!map) {
        setMapping(result.mapping)
        setAnnouncement({ key: 'preview', columns: result.columns.length, format: result.format })
      }
    } catch (err) {
      if (seq === previewSeq.current) {
        setError({ failure: toFailure(err), retry: () => void loadPreview(id, fmt, map, src) })
      }
    } finally {
      if (seq === previewSeq.current) setPreviewBusy(false)
    }
  }

  async function chooseFile(chosen: File): Promise<void> {
    const run = ++runRef.current
    ++previewSeq.current
    setFile({ name: chosen.name, size: chosen.size })
    setUpload({ sent: 0, total: chosen.size })
    setUploadId(null)
    setPreview(null)
    setPreviewBusy(false)
    setMapping({})
    sourceRef.current = ''
    setSource('')
    setJobId(null)
    setJob(null)
    setError(null)
    setAnnouncement(null)
    try {
      // .json/.ndjson are JSON (plain or Formbricks webhooks, told apart by their first record);
      // otherwise a format the user picked wins over a guess.
      const byName = formatFromFileName(chosen.name)
      if (byName && !(formatTouched && formatRef.current === 'formbricks-webhook'))
        setFormat(guessFormat(chosen.name, await readHead(chosen)) ?? byName)
      else if (!byName && !formatTouched) setFormat(guessFormat(chosen.name, await readHead(chosen)) ?? '')
      if (run !== runRef.current) return
      const id = await uploadFile(chosen, {
        onProgress: (sent, total) => {
          if (run === runRef.current) setUpload({ sent, total })
        },
        isStale: () => run !== runRef.current,
      })
      if (id === null || run !== runRef.current) return
      setUploadId(id)
      setAnnouncement({ key: 'uploaded' })
      await loadPreview(id, formatRef.current, null)
    } catch (err) {
      if (run !== runRef.current) return
      setUpload(null)
      setError({ failure: toFailure(err), retry: () => void chooseFile(chosen) })
    }
  }

  const changeFormat = (next: FormatChoice) => {
    setFormatTouched(true)
    setFormat(next)
    if (uploadId !== null && !locked) {
      // Another format reads the columns differently: start the mapping over.
      setPreview(null)
      setMapping({})
      void loadPreview(uploadId, next, null)
    }
  }

  const changeType = (next: ImportType) => {
    setImportType(next)
    // Survey exports hold answers only: the other kinds of data come as CSV or JSON.
    if (next !== 'feedback' && formatRef.current !== '' && !RECORD_FORMATS.includes(formatRef.current)) {
      changeFormat('generic-csv')
    }
  }

  /** A changed mapping is shown at once and the preview is read again with it. */
  const applyMapping = (next: ColumnMapping) => {
    setMapping(next)
    if (uploadId !== null) void loadPreview(uploadId, formatRef.current, next, sourceRef.current)
  }

  const changeMapping = (field: MappingField, value: string) => applyMapping(withField(mapping, field, value))

  const changeMoreComments = (columns: string[]) => {
    const next: ColumnMapping = { ...mapping }
    if (columns.length > 0) next.moreComments = columns
    else delete next.moreComments
    applyMapping(next)
  }

  // Another source has its own saved mapping (or none): the mapping starts over from it.
  const commitSource = () => {
    const next = source.trim()
    if (uploadId === null || locked || next === sourceRef.current || !isSourceName(next)) return
    setMapping({})
    void loadPreview(uploadId, formatRef.current, null, next)
  }

  async function start(): Promise<void> {
    if (uploadId === null || preview === null) return
    // A source name typed but not yet taken over: its preview (and saved mapping) is on the way.
    if (source.trim() !== sourceRef.current) return
    setStarting(true)
    setError(null)
    try {
      const fmt = formatRef.current !== '' ? formatRef.current : preview.format
      const answer = await call('import.start', {
        uploadId,
        type: importType,
        format: fmt,
        // The other kinds of data find their columns by name; a mapping is for survey answers.
        ...(importType === 'feedback' ? { mapping: cleanMapping(mapping) } : {}),
        saveMapping: importType === 'feedback',
        ...(importType === 'feedback' && sourceRef.current !== '' ? { source: sourceRef.current } : {}),
      })
      setJob(null)
      setCancelling(false)
      setJobId(answer.jobId)
      setAnnouncement({ key: 'started' })
    } catch (err) {
      setError({ failure: toFailure(err), retry: () => void start() })
    } finally {
      setStarting(false)
    }
  }

  async function cancel(): Promise<void> {
    if (jobId === null) return
    setCancelling(true)
    try {
      const status = await call('import.cancel', { jobId })
      // Polling goes on until the job has stopped at the end of its batch.
      setJob((current) => (current?.state === 'running' || current === null ? status : current))
    } catch (err) {
      setCancelling(false)
      setError({ failure: toFailure(err), retry: () => void cancel() })
    }
  }

  const reset = () => {
    ++runRef.current
    ++previewSeq.current
    setFile(null)
    setUpload(null)
    setUploadId(null)
    setFormat('')
    setFormatTouched(false)
    setImportType('feedback')
    setPreview(null)
    setPreviewBusy(false)
    setMapping({})
    sourceRef.current = ''
    setSource('')
    setJobId(null)
    setJob(null)
    setStarting(false)
    setCancelling(false)
    setError(null)
    setAnnouncement(null)
    const input = inputRef.current
    if (input) {
      input.value = ''
      input.focus()
    }
  }

  const namedSource =
    importType === 'feedback' && preview !== null && NAMED_SOURCE_FORMATS.includes(preview.format)
  const sourceOk = !namedSource || (isSourceName(source) && source.trim() === sourceRef.current)
  const canStart = uploadId !== null && preview !== null && !previewBusy && !starting && !locked && sourceOk

  return (
    <Stack spacing={2} data-testid="import-view" aria-busy={previewBusy || running || starting}>
      <Typography variant="body2" sx={{ color: 'text.secondary' }}>
        {t('import.intro')}
      </Typography>
      <Box role="status" aria-live="polite" sx={visuallyHidden} data-testid="import-status">
        {announcement === null
          ? ''
          : announcement.key === 'preview'
            ? t('import.announce.preview', {
                columns: announcement.columns,
                format: t(`import.format.${announcement.format}`),
              })
            : announcement.key === 'done'
              ? t('import.announce.done', {
                  imported: announcement.imported,
                  rejected: announcement.rejected,
                })
              : t(`import.announce.${announcement.key}`)}
      </Box>

      {error && (
        <Box ref={errorRef} sx={{ scrollMarginTop: 80 }}>
          <LookupError
            failure={error.failure}
            testId="import-error"
            onRetry={
              error.retry
                ? () => {
                    const retry = error.retry
                    setError(null)
                    retry?.()
                  }
                : undefined
            }
          />
        </Box>
      )}

      <FileStep
        inputRef={inputRef}
        file={file}
        upload={upload}
        format={format}
        type={importType}
        disabled={running || starting}
        formatDisabled={locked || starting}
        onFile={(chosen) => void chooseFile(chosen)}
        onFormat={changeFormat}
        onType={changeType}
      />

      {(preview || previewBusy) && (
        <Section id="import-mapping-heading" title={t('import.mapping.title')} testId="import-mapping">
          {previewBusy && (
            <Box sx={{ py: 1 }} data-testid="import-preview-loading">
              <LinearProgress aria-label={t('import.mapping.loading')} />
            </Box>
          )}
          {preview && (
            <Stack spacing={2}>
              <Box>
                <Typography component="h3" variant="h3" sx={{ mb: 0.5 }}>
                  {t('import.mapping.previewTitle')}
                </Typography>
                <PreviewTable preview={preview} mapping={mapping} />
              </Box>
              {importType === 'feedback' ? (
                <Box>
                  <Typography component="h3" variant="h3" sx={{ mb: 0.5 }}>
                    {t('import.mapping.fieldsTitle')}
                  </Typography>
                  <Typography variant="body2" sx={{ color: 'text.secondary', mb: 1.5 }}>
                    {preview.format === 'formbricks-webhook'
                      ? t('import.mapping.webhookHint')
                      : t('import.mapping.fieldsHint')}
                  </Typography>
                  {namedSource && (
                    <SourceField
                      value={source}
                      sources={sources}
                      disabled={locked}
                      onChange={setSource}
                      onCommit={commitSource}
                    />
                  )}
                  {preview.format === 'formbricks-webhook' && preview.source && (
                    <Typography variant="body2" sx={{ mb: 1.5 }} data-testid="import-webhook-survey">
                      {t('import.source.survey', { id: preview.source })}
                    </Typography>
                  )}
                  <MappingFields
                    preview={preview}
                    mapping={mapping}
                    disabled={locked}
                    onChange={changeMapping}
                  />
                  <MoreComments
                    preview={preview}
                    mapping={mapping}
                    disabled={locked}
                    onChange={changeMoreComments}
                  />
                  <SampleTable sample={preview.sample} />
                </Box>
              ) : (
                <Typography variant="body2" data-testid="import-by-name">
                  {t('import.byName')}
                </Typography>
              )}
            </Stack>
          )}
        </Section>
      )}

      {preview && (
        <Section id="import-run-heading" title={t('import.run.title')} testId="import-run">
          <Typography variant="body2" sx={{ color: 'text.secondary', mb: 1 }}>
            {t('import.run.hint')}
          </Typography>
          {!locked && (
            <Button
              variant="contained"
              size="medium"
              onClick={() => void start()}
              disabled={!canStart}
              data-testid="import-start"
            >
              {starting ? t('import.run.starting') : t('import.run.start')}
            </Button>
          )}
          {locked && <JobProgress job={job} cancelling={cancelling} onCancel={() => void cancel()} />}
        </Section>
      )}

      {finished && job && (
        <ImportReportView
          job={job}
          fileName={file?.name ?? 'import'}
          headingRef={reportHeadingRef}
          onAgain={reset}
        />
      )}

      <ExportPanel />
    </Stack>
  )
}
