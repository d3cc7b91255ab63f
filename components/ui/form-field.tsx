import type { ReactNode } from 'react';

/** What the control inside a field needs to be wired to its label, hint and error. */
export interface FieldControlProps {
  readonly id: string;
  readonly 'aria-describedby': string | undefined;
  readonly 'aria-invalid': true | undefined;
}

interface FormFieldProps {
  readonly id: string;
  readonly label: string;
  /** "optional", shown beside the label but not part of its name (tests and screen readers find "Label"). */
  readonly labelNote?: string;
  readonly hint?: ReactNode;
  readonly error?: string | undefined;
  readonly className?: string;
  readonly children: (control: FieldControlProps) => ReactNode;
}

/** A label above its control, a hint and an error under it, all tied to the control by id. */
export function FormField({ id, label, labelNote, hint, error, className, children }: FormFieldProps) {
  const noteId = labelNote ? `${id}-note` : undefined;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [noteId, hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${className ? ` ${className}` : ''}`}>
      <span className="field__label-row">
        <label htmlFor={id} className="field__label">
          {label}
        </label>
        {labelNote ? (
          <span id={noteId} className="field__note">
            {labelNote}
          </span>
        ) : null}
      </span>
      {children({ id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined })}
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="field__error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
