import { useEffect, useState } from 'react';
import { CloseButton, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';

interface Props {
  value: string;
  onChange: (value: string) => void;
  placeholder: string;
  label?: string;
  testId?: string;
  delay?: number;
}

/** A text filter that reports its value only once typing pauses. */
export function SearchInput({ value, onChange, placeholder, label, testId, delay = 300 }: Props) {
  const [text, setText] = useState(value);
  const [debounced] = useDebouncedValue(text, delay);

  useEffect(() => {
    if (debounced.trim() !== value) onChange(debounced.trim());
  }, [debounced]);

  // An outside change (e.g. "clear filters") replaces the text.
  useEffect(() => {
    if (value !== debounced.trim()) setText(value);
  }, [value]);

  return (
    <TextInput
      label={label}
      placeholder={placeholder}
      aria-label={label ? undefined : placeholder}
      value={text}
      onChange={(e) => setText(e.currentTarget.value)}
      leftSection={<IconSearch size={16} />}
      rightSection={text ? <CloseButton size="sm" aria-label="×" onClick={() => setText('')} /> : null}
      data-testid={testId}
    />
  );
}
