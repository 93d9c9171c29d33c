import { useCallback, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ApiCallError } from '../api/client';
import { errorMessage, translateKey } from './errors';
import { issuesToKeys, type FieldKey } from './issues';

type Values = Record<string, unknown>;

export interface ZodFormOptions<V extends Values> {
  initialValues: V;
  /**
   * Maps core's field paths to this form's fields when they differ, e.g. for setup:
   * { 'tenant.name': 'gpName', 'admin.mobile': 'mobile' }.
   */
  serverFields?: Record<string, keyof V & string>;
}

/**
 * A small form state for Mantine inputs, validated with the core's own zod schemas so the
 * screen and the core say the same thing. Like the original app it validates on submit, then
 * on every change. Errors are kept as keys and translated at render, so they follow the language.
 */
export function useZodForm<V extends Values, S extends z.ZodType>(schema: S, options: ZodFormOptions<V>) {
  const { t } = useTranslation();
  const [values, setValues] = useState<V>(options.initialValues);
  const [errors, setErrors] = useState<Record<string, FieldKey>>({});
  const [submitted, setSubmitted] = useState(false);
  const [formError, setFormError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);
  const serverFields = options.serverFields;

  const validate = useCallback(
    (next: V) => {
      const result = schema.safeParse(next);
      const found = result.success ? {} : issuesToKeys(result.error.issues);
      setErrors(found);
      return result;
    },
    [schema],
  );

  const setValue = useCallback(
    <K extends keyof V & string>(name: K, value: V[K]) => {
      setValues((prev) => {
        const next = { ...prev, [name]: value };
        if (submitted) validate(next);
        return next;
      });
    },
    [submitted, validate],
  );

  /** The field's message in the current language, or undefined. */
  const errorOf = (name: string) => (errors[name] ? translateKey(t, errors[name]) : undefined);

  /** Spread on a Mantine TextInput / PasswordInput / Textarea: value, onChange(event), error. */
  const getInputProps = (name: keyof V & string) => ({
    value: values[name] as string,
    onChange: (e: { currentTarget: { value: string } }) => setValue(name, e.currentTarget.value as V[typeof name]),
    error: errorOf(name),
  });

  /** Spread on a Select / Radio.Group / SegmentedControl: value, onChange(value), error. */
  const getValueProps = (name: keyof V & string) => ({
    value: (values[name] as string | null) ?? null,
    onChange: (value: string | null) => setValue(name, (value ?? '') as V[typeof name]),
    error: errorOf(name),
  });

  /** Spread on a Checkbox / Switch: checked, onChange(event), error. */
  const getCheckboxProps = (name: keyof V & string) => ({
    checked: Boolean(values[name]),
    onChange: (e: { currentTarget: { checked: boolean } }) => setValue(name, e.currentTarget.checked as V[typeof name]),
    error: errorOf(name),
  });

  /** Put a failed call's per-field errors under the fields; other failures become formError. */
  const setServerError = useCallback(
    (err: unknown) => {
      const fields = err instanceof ApiCallError ? err.fields : {};
      const mapped: Record<string, FieldKey> = {};
      for (const [path, problem] of Object.entries(fields)) {
        mapped[serverFields?.[path] ?? path] = problem;
      }
      setErrors(mapped);
      setFormError(Object.keys(mapped).length ? null : err);
    },
    [serverFields],
  );

  /** `<form onSubmit={form.onSubmit(async (data) => …)}>`: runs only when the schema passes. */
  const onSubmit = (handler: (data: z.output<S>) => unknown) => async (event?: FormEvent) => {
    event?.preventDefault();
    setSubmitted(true);
    setFormError(null);
    const result = validate(values);
    if (!result.success) return;
    setSubmitting(true);
    try {
      await handler(result.data);
    } catch (err) {
      setServerError(err);
    } finally {
      setSubmitting(false);
    }
  };

  const formErrorText = useMemo(() => (formError ? errorMessage(t, formError) : null), [formError, t]);

  return {
    values,
    setValue,
    setValues,
    errors,
    errorOf,
    getInputProps,
    getValueProps,
    getCheckboxProps,
    onSubmit,
    submitting,
    setServerError,
    /** A failure not tied to one field (wrong password, locked …), translated. */
    formError: formErrorText,
    setFormError,
  };
}
