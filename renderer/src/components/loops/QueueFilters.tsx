import CheckIcon from '@mui/icons-material/Check'
import Button from '@mui/material/Button'
import ListItemIcon from '@mui/material/ListItemIcon'
import ListItemText from '@mui/material/ListItemText'
import MenuItem from '@mui/material/MenuItem'
import Stack from '@mui/material/Stack'
import TextField from '@mui/material/TextField'
import { useTranslation } from 'react-i18next'
import { TOPICS } from '../../../../shared/domain/commentLexicon'
import { LOOP_TYPES } from '../../../../shared/domain/loopLifecycle'
import { SEGMENTS } from '../../../../shared/domain/segment'
import { useLoopsStore } from '../../loops/loopsStore'
import {
  LANGUAGE_FILTERS,
  NO_FILTERS,
  PRIORITIES,
  SLA_FILTERS,
  SORTS,
  oneOf,
  type FilterValues,
  type ListFilter,
} from '../../loops/queueQuery'

interface SelectProps {
  id: string
  label: string
  value: string
  onChange(value: string): void
  options: ReadonlyArray<{ value: string; label: string }>
  withAll?: boolean
}

function FilterSelect({ id, label, value, onChange, options, withAll = true }: SelectProps) {
  const { t } = useTranslation()
  return (
    <TextField
      select
      size="small"
      id={id}
      label={label}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
      sx={{ minWidth: 130 }}
      data-testid={id}
    >
      {withAll && <option value="">{t('loops.filter.all')}</option>}
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </TextField>
  )
}

interface MultiSelectProps {
  id: string
  label: string
  values: readonly string[]
  onChange(values: string[]): void
  options: ReadonlyArray<{ value: string; label: string }>
  /** Shown when nothing is chosen; a filter says "all". */
  emptyLabel?: string
}

/** A select of several values (a filter the core takes as a list; none chosen means all). */
export function MultiFilterSelect({ id, label, values, onChange, options, emptyLabel }: MultiSelectProps) {
  const { t } = useTranslation()
  const labelOf = new Map(options.map((o) => [o.value, o.label]))
  return (
    <TextField
      select
      size="small"
      id={id}
      label={label}
      value={values}
      onChange={(event) => {
        const next = event.target.value as unknown
        onChange(typeof next === 'string' ? next.split(',').filter(Boolean) : (next as string[]))
      }}
      slotProps={{
        select: {
          multiple: true,
          displayEmpty: true,
          renderValue: (selected) => {
            const chosen = selected as string[]
            return chosen.length
              ? chosen.map((v) => labelOf.get(v) ?? v).join(', ')
              : (emptyLabel ?? t('loops.filter.all'))
          },
        },
        inputLabel: { shrink: true },
      }}
      sx={{ minWidth: 130, maxWidth: 240 }}
      data-testid={id}
    >
      {options.map((o) => {
        const chosen = values.includes(o.value)
        return (
          <MenuItem key={o.value} value={o.value} dense>
            {/* The tick, not only the highlight colour, shows what is chosen. */}
            <ListItemIcon sx={{ minWidth: 28 }}>
              {chosen ? <CheckIcon fontSize="small" aria-hidden /> : null}
            </ListItemIcon>
            <ListItemText primary={o.label} />
          </MenuItem>
        )
      })}
    </TextField>
  )
}

/** Filters (priority, SLA, segment, topic, type, assignee, language) and sort order of the queue. */
export function QueueFilters({
  values,
  onChange,
}: {
  values: FilterValues
  onChange(next: FilterValues): void
}) {
  const { t } = useTranslation()
  const users = useLoopsStore((s) => s.users)
  const set = (key: 'assignee' | 'language') => (value: string) => onChange({ ...values, [key]: value })
  const setList = (key: ListFilter) => (list: string[]) => onChange({ ...values, [key]: list })
  return (
    <Stack
      role="group"
      aria-label={t('loops.filter.label')}
      direction="row"
      useFlexGap
      spacing={1}
      sx={{ flexWrap: 'wrap', alignItems: 'center' }}
    >
      <MultiFilterSelect
        id="loop-filter-priority"
        label={t('loops.filter.priority')}
        values={values.priority}
        onChange={setList('priority')}
        options={PRIORITIES.map((p) => ({
          value: String(p),
          label: t('loops.priorityLong', { priority: p }),
        }))}
      />
      <MultiFilterSelect
        id="loop-filter-sla"
        label={t('loops.filter.slaState')}
        values={values.slaState}
        onChange={setList('slaState')}
        options={SLA_FILTERS.map((s) => ({ value: s, label: t(`loops.sla.${s}`) }))}
      />
      <MultiFilterSelect
        id="loop-filter-segment"
        label={t('loops.filter.segment')}
        values={values.segment}
        onChange={setList('segment')}
        options={SEGMENTS.map((s) => ({ value: s, label: t(`segment.${s}`) }))}
      />
      <MultiFilterSelect
        id="loop-filter-topic"
        label={t('loops.filter.topic')}
        values={values.topic}
        onChange={setList('topic')}
        options={TOPICS.map((topic) => ({ value: topic, label: t(`loops.topic.${topic}`) }))}
      />
      <MultiFilterSelect
        id="loop-filter-type"
        label={t('loops.filter.type')}
        values={values.type}
        onChange={setList('type')}
        options={LOOP_TYPES.map((type) => ({ value: type, label: t(`loops.type.${type}`) }))}
      />
      <FilterSelect
        id="loop-filter-assignee"
        label={t('loops.filter.assignee')}
        value={values.assignee}
        onChange={set('assignee')}
        options={[
          { value: 'me', label: t('loops.filter.me') },
          { value: 'unassigned', label: t('loops.filter.unassigned') },
          ...users.map((u) => ({ value: String(u.id), label: u.name })),
        ]}
      />
      <FilterSelect
        id="loop-filter-language"
        label={t('loops.filter.language')}
        value={values.language}
        onChange={set('language')}
        options={LANGUAGE_FILTERS.map((l) => ({ value: l, label: t(`loops.language.${l}`) }))}
      />
      <FilterSelect
        id="loop-sort"
        label={t('loops.filter.sort')}
        value={values.sort}
        onChange={(value) => {
          const sort = oneOf(SORTS, value)
          if (sort) onChange({ ...values, sort })
        }}
        options={SORTS.map((s) => ({ value: s, label: t(`loops.sort.${s}`) }))}
        withAll={false}
      />
      <Button size="small" onClick={() => onChange(NO_FILTERS)} data-testid="loop-filter-reset">
        {t('loops.filter.reset')}
      </Button>
    </Stack>
  )
}
