import { Checkbox, Stack } from '@mantine/core';

export interface FlagText {
  label: string;
  hint: string;
}

interface Props<K extends string> {
  keys: readonly K[];
  values: Record<K, boolean>;
  /** label and one-line hint of each answer (an i18n object read with returnObjects) */
  texts: Record<K, FlagText>;
  onChange: (key: K, value: boolean) => void;
  /** a reference shown before the label, e.g. "Art. 5(1)(a)" */
  reference?: (key: K) => string;
  disabled?: boolean;
  /** data-testid of each checkbox: `${testIdPrefix}-${key}` */
  testIdPrefix: string;
}

/** Yes/no answers of one group, as checkboxes labelled with their text (ticked means "yes"). */
export function FlagGroup<K extends string>({ keys, values, texts, onChange, reference, disabled, testIdPrefix }: Props<K>) {
  return (
    <Stack gap="sm">
      {keys.map((key) => (
        <Checkbox
          key={key}
          label={reference ? `${reference(key)} — ${texts[key].label}` : texts[key].label}
          description={texts[key].hint || undefined}
          checked={values[key]}
          disabled={disabled}
          onChange={(e) => onChange(key, e.currentTarget.checked)}
          data-testid={`${testIdPrefix}-${key}`}
        />
      ))}
    </Stack>
  );
}
