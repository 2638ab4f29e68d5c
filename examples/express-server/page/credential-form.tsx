/**
 * The credentials card: one password field per credential the module declares. The values are
 * sent to the app's credentials endpoint (into the vault), never into the chat or to the model.
 */
import { useState, type FormEvent } from 'react';

/** One credential the module asks for. */
export interface CredentialSpec {
  name: string;
  description: string;
  obtain?: string;
}

/** Props of {@link CredentialForm}. */
export interface CredentialFormProps {
  message: string;
  credentials: CredentialSpec[];
  disabled: boolean;
  onSubmit(values: Record<string, string>): void;
}

/** The form. */
export function CredentialForm({ message, credentials, disabled, onSubmit }: CredentialFormProps) {
  const [values, setValues] = useState<Record<string, string>>({});
  const complete = credentials.every((c) => values[c.name]?.trim());
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    if (!complete) return;
    onSubmit(values);
    setValues({});
  };
  return (
    <form className="card credentials" id="credentials-card" onSubmit={submit} autoComplete="off">
      <h3>API key needed</h3>
      <p>{message}</p>
      {credentials.map((c) => (
        <label key={c.name}>
          <span className="label">{c.name}</span>
          <span className="muted">
            {c.description}
            {c.obtain ? ` — ${c.obtain}` : ''}
          </span>
          <input type="password" name={c.name} value={values[c.name] ?? ''} onChange={(e) => setValues({ ...values, [c.name]: e.target.value })} />
        </label>
      ))}
      <p className="muted small">Stored encrypted on the server for this module only; it is never shown to the model.</p>
      <div className="actions">
        <button id="save-key" type="submit" disabled={disabled || !complete}>
          Save key
        </button>
      </div>
    </form>
  );
}
