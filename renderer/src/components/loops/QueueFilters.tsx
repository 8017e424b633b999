import Button from '@mui/material/Button'
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
  const set = (key: keyof FilterValues) => (value: string) => onChange({ ...values, [key]: value })
  return (
    <Stack
      role="group"
      aria-label={t('loops.filter.label')}
      direction="row"
      useFlexGap
      spacing={1}
      sx={{ flexWrap: 'wrap', alignItems: 'center' }}
    >
      <FilterSelect
        id="loop-filter-priority"
        label={t('loops.filter.priority')}
        value={values.priority}
        onChange={set('priority')}
        options={PRIORITIES.map((p) => ({
          value: String(p),
          label: t('loops.priorityLong', { priority: p }),
        }))}
      />
      <FilterSelect
        id="loop-filter-sla"
        label={t('loops.filter.slaState')}
        value={values.slaState}
        onChange={set('slaState')}
        options={SLA_FILTERS.map((s) => ({ value: s, label: t(`loops.sla.${s}`) }))}
      />
      <FilterSelect
        id="loop-filter-segment"
        label={t('loops.filter.segment')}
        value={values.segment}
        onChange={set('segment')}
        options={SEGMENTS.map((s) => ({ value: s, label: t(`segment.${s}`) }))}
      />
      <FilterSelect
        id="loop-filter-topic"
        label={t('loops.filter.topic')}
        value={values.topic}
        onChange={set('topic')}
        options={TOPICS.map((topic) => ({ value: topic, label: t(`loops.topic.${topic}`) }))}
      />
      <FilterSelect
        id="loop-filter-type"
        label={t('loops.filter.type')}
        value={values.type}
        onChange={set('type')}
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
