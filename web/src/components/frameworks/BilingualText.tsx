import { Text, Tooltip, type TextProps } from '@mantine/core';
import type { Bilingual } from '@contracts/frameworks/schema.js';
import { useTranslation } from 'react-i18next';
import { toLocale } from '../../i18n/labels';

interface Props extends TextProps {
  value: Bilingual;
  /** show the other language underneath instead of on hover */
  both?: boolean;
  testId?: string;
}

/** A catalogue text in the UI language; the other language on hover, or underneath when `both` is set. */
export function BilingualText({ value, both = false, testId, ...textProps }: Props) {
  const { i18n } = useTranslation();
  const locale = toLocale(i18n.language);
  const other = locale === 'en' ? 'zh-HK' : 'en';
  const main = (
    <Text lang={locale} data-testid={testId} {...textProps}>
      {value[locale]}
    </Text>
  );
  if (both) {
    return (
      <div>
        {main}
        <Text lang={other} size="sm" c="dimmed" data-lang-other="true">
          {value[other]}
        </Text>
      </div>
    );
  }
  return (
    <Tooltip label={<span lang={other}>{value[other]}</span>} multiline maw={420} openDelay={400} withArrow position="top-start">
      {main}
    </Tooltip>
  );
}
