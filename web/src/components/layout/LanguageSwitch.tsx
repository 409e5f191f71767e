import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../hooks/useLanguage';
import { isLanguage } from '../../i18n';

/** "English / 繁體中文": each label is written in its own language, so it reads right whichever is active. */
export function LanguageSwitch({ size = 'xs' }: { size?: 'xs' | 'sm' }) {
  const { t } = useTranslation();
  const { language, setLanguage } = useLanguage();
  return (
    <SegmentedControl
      size={size}
      value={language}
      onChange={(value) => isLanguage(value) && setLanguage(value)}
      aria-label={t('common.language')}
      data-testid="language-switch"
      data={[
        {
          value: 'en',
          label: (
            <span lang="en" data-testid="language-en">
              English
            </span>
          ),
        },
        {
          value: 'zh-HK',
          label: (
            <span lang="zh-HK" data-testid="language-zh-HK">
              繁體中文
            </span>
          ),
        },
      ]}
    />
  );
}
