import type { Ref } from 'react'
import Autocomplete from '@mui/material/Autocomplete'
import Box from '@mui/material/Box'
import IconButton from '@mui/material/IconButton'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import SearchIcon from '@mui/icons-material/Search'
import { useTranslation } from 'react-i18next'
import { formatPhone } from '../../../shared/domain/phone'
import type { CustomerSummary } from '../../../shared/ipc/types'
import { openCustomer, runLookup, scheduleSuggestions, wantsSuggestions } from '../actions'
import { useLoopdeskStore } from '../store'

export const SEARCH_INPUT_ID = 'caller-search'

function summaryLine(option: CustomerSummary): string {
  return [
    option.customerNo,
    option.company,
    option.city,
    option.primaryPhone ? formatPhone(option.primaryPhone) : null,
  ]
    .filter((part): part is string => Boolean(part))
    .join(' · ')
}

/**
 * The one search box: Enter runs screenPop.lookup for whatever was typed (number, customer number,
 * name, e-mail); while a name or e-mail is typed, customers.search offers suggestions to pick from.
 */
export function SearchBox({ inputRef }: { inputRef: Ref<HTMLInputElement> }) {
  const { t } = useTranslation()
  const query = useLoopdeskStore((s) => s.query)
  const setQuery = useLoopdeskStore((s) => s.setQuery)
  const suggestions = useLoopdeskStore((s) => s.suggestions)
  const suggestionsLoading = useLoopdeskStore((s) => s.suggestionsLoading)

  return (
    <Box
      role="search"
      aria-label={t('search.submit')}
      sx={{
        display: 'flex',
        alignItems: 'center',
        gap: 0.5,
        minWidth: 0,
        maxWidth: { md: 760 },
        // Narrow windows: the search box gets a row of its own below the product name and settings.
        flex: { xs: '1 1 100%', md: '1 1 auto' },
        order: { xs: 3, md: 0 },
      }}
    >
      <Autocomplete<CustomerSummary, false, false, true>
        id={SEARCH_INPUT_ID}
        freeSolo
        fullWidth
        size="small"
        // The value stays null: the box is a command line, not a selection. That way Enter on the
        // same text runs the lookup again, and picking a suggestion never locks the text.
        value={null}
        inputValue={query}
        options={suggestions}
        filterOptions={(options) => options}
        getOptionLabel={(option) => (typeof option === 'string' ? option : option.displayName)}
        isOptionEqualToValue={(a, b) => typeof b !== 'string' && a.id === b.id}
        loading={suggestionsLoading && suggestions.length === 0 && wantsSuggestions(query)}
        loadingText={t('search.loading')}
        noOptionsText={t('search.noOptions')}
        clearText={t('search.clear')}
        openText={t('search.open')}
        closeText={t('search.close')}
        // Keep the suggestions inside the header landmark, and name the listbox on its own so the
        // search label points at exactly one element (the input).
        disablePortal
        slotProps={{ listbox: { 'aria-labelledby': undefined, 'aria-label': t('search.suggestions') } }}
        onInputChange={(_event, value, reason) => {
          setQuery(value)
          if (reason === 'input') scheduleSuggestions(value)
          else if (reason === 'clear') scheduleSuggestions('')
        }}
        onChange={(_event, value) => {
          if (typeof value === 'string') {
            void runLookup(value)
          } else if (value) {
            setQuery(value.displayName)
            void openCustomer(value.id, value.displayName)
          }
        }}
        renderOption={(props, option) => {
          const { key, ...rest } = props
          return (
            <li key={key} {...rest}>
              <Box sx={{ display: 'flex', flexDirection: 'column', minWidth: 0 }}>
                <Typography component="span" variant="body2" sx={{ fontWeight: 600 }}>
                  {option.displayName}
                  {option.status === 'churned' ? ` (${t('customerStatus.churned')})` : ''}
                </Typography>
                <Typography component="span" variant="caption" sx={{ color: 'text.secondary' }}>
                  {summaryLine(option)}
                </Typography>
              </Box>
            </li>
          )
        }}
        renderInput={(params) => (
          <TextField
            {...params}
            inputRef={inputRef}
            autoFocus
            label={t('search.label')}
            slotProps={{
              ...params.slotProps,
              htmlInput: {
                ...params.slotProps.htmlInput,
                spellCheck: false,
                autoCapitalize: 'off',
                'aria-keyshortcuts': 'Control+K Meta+K',
              },
            }}
          />
        )}
      />
      <IconButton
        aria-label={t('search.submit')}
        color="primary"
        size="medium"
        onClick={() => void runLookup(query)}
      >
        <SearchIcon />
      </IconButton>
    </Box>
  )
}
