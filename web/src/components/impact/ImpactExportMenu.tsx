import { Button, Group, Popover, Stack, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { impactExportFormats } from '@contracts/impact/schema.js';
import { impactExportUrl, type ImpactExportLang } from '../../api/impact';

const exportLangs: { lang: ImpactExportLang; key: 'en' | 'zhHK' }[] = [
  { lang: 'en', key: 'en' },
  { lang: 'zh-HK', key: 'zhHK' },
];

/** DOCX or PDF in English or Traditional Chinese. Plain links: the browser sends the session cookie and saves the file. */
export function ImpactExportMenu({ org, id }: { org: string; id: string }) {
  const { t } = useTranslation();
  return (
    <Popover position="bottom-end" withinPortal shadow="md">
      <Popover.Target>
        <Button variant="default" leftSection={<IconDownload size={16} />} data-testid="impact-export">
          {t('risk.impact.export')}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="sm" miw={240}>
          {impactExportFormats.map((format) => (
            <Group key={format} justify="space-between" wrap="nowrap">
              <Text size="sm" fw={600} w={48}>
                {format.toUpperCase()}
              </Text>
              <Group gap="xs" wrap="nowrap">
                {exportLangs.map(({ lang, key }) => {
                  const language = t(`risk.impact.languages.${key}`);
                  return (
                    <Button
                      key={lang}
                      component="a"
                      href={impactExportUrl(org, id, format, lang)}
                      download
                      size="xs"
                      variant="light"
                      aria-label={t('risk.impact.download', { format: format.toUpperCase(), language })}
                      data-testid={`impact-export-${format}-${lang}`}
                    >
                      {language}
                    </Button>
                  );
                })}
              </Group>
            </Group>
          ))}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
