import Box from '@mui/material/Box'
import Button, { type ButtonProps } from '@mui/material/Button'
import TextField from '@mui/material/TextField'

type TextInputProps = {
  label: string
  value: string
  onChange(value: string): void
  /** The server's limit for this text, so the field stops where the request would be refused. */
  maxLength: number
  /** A two-line field that grows, for free text longer than a phrase. */
  multiline?: boolean
  required?: boolean
  helperText?: string
}

/** A small controlled text field of the loop forms. */
export function TextInput({
  label,
  value,
  onChange,
  maxLength,
  multiline,
  required,
  helperText,
}: TextInputProps) {
  return (
    <TextField
      size="small"
      label={label}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      slotProps={{ htmlInput: { maxLength } }}
      {...(multiline ? { multiline: true, minRows: 2 } : {})}
      {...(required ? { required: true } : {})}
      {...(helperText ? { helperText } : {})}
    />
  )
}

/** A small form button on its own line, as wide as its label rather than the form. */
export function FormButton(props: ButtonProps) {
  return (
    <Box>
      <Button size="small" {...props} />
    </Box>
  )
}
