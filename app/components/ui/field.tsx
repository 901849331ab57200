import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react'

type Labelled = { id: string; label: string; error?: string | null; hint?: string }
type ControlProps = { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string }

/** Label, hint and error around one control, tied to it (aria-describedby, aria-invalid). */
function FieldShell({ id, label, error, hint, control }: Labelled & { control: (props: ControlProps) => ReactNode }) {
  const hintId = hint ? `${id}-hint` : undefined
  const errorId = error ? `${id}-error` : undefined
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {control({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy })}
      {error ? (
        <p className="field-error" id={errorId} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  )
}

/** A labelled input whose hint and error are announced and tied to it. */
export function Field({ id, label, error, hint, ...input }: Labelled & InputHTMLAttributes<HTMLInputElement>) {
  return <FieldShell id={id} label={label} error={error} hint={hint} control={(aria) => <input {...aria} {...input} />} />
}

/** The same for multi-line text. */
export function TextareaField({ id, label, error, hint, ...textarea }: Labelled & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return <FieldShell id={id} label={label} error={error} hint={hint} control={(aria) => <textarea {...aria} {...textarea} />} />
}

/** The same for a choice from a list. */
export function SelectField({
  id,
  label,
  error,
  hint,
  options,
  ...select
}: Labelled & { options: readonly { value: string; label: string }[] } & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <FieldShell
      id={id}
      label={label}
      error={error}
      hint={hint}
      control={(aria) => (
        <select {...aria} {...select}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    />
  )
}
