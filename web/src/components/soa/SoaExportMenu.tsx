import { useState } from 'react';
import { Button, Group, Popover, Select, Stack, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { soaExportFormats, type SoaVersionSummary } from '@contracts/soa/schema.js';
import { soaExportUrl, type SoaExportLang } from '../../api/soa';

const exportLangs: { lang: SoaExportLang; key: 'en' | 'zhHK' }[] = [
  { lang: 'en', key: 'en' },
  { lang: 'zh-HK', key: 'zhHK' },
];

interface Props {
  org: string;
  /** approved versions to offer besides the draft */
  versions?: SoaVersionSummary[];
  /** a fixed version (the page of a frozen version); no choice offered */
  version?: number;
}

/**
 * XLSX, DOCX or PDF in English or Traditional Chinese, of the draft or a chosen version. Plain links: the browser
 * sends the session cookie and saves the file.
 */
export function SoaExportMenu({ org, versions = [], version }: Props) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<string>(version ? String(version) : 'draft');
  const versionNo = chosen === 'draft' ? undefined : Number(chosen);
  return (
    <Popover position="bottom-end" withinPortal shadow="md">
      <Popover.Target>
        <Button variant="default" leftSection={<IconDownload size={16} />} data-testid="soa-export">
          {t('evidenceSoa.soa.export')}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="sm" miw={280}>
          {version === undefined && (
            <Select
              label={t('evidenceSoa.soa.exportOf')}
              data={[
                { value: 'draft', label: t('evidenceSoa.soa.draft') },
                ...versions.map((v) => ({ value: String(v.versionNo), label: t('evidenceSoa.soa.versionN', { n: v.versionNo }) })),
              ]}
              value={chosen}
              allowDeselect={false}
              onChange={(v) => setChosen(v ?? 'draft')}
              comboboxProps={{ withinPortal: false }}
              data-testid="soa-export-version"
            />
          )}
          {soaExportFormats.map((format) => (
            <Group key={format} justify="space-between" wrap="nowrap">
              <Text size="sm" fw={600} w={48}>
                {format.toUpperCase()}
              </Text>
              <Group gap="xs" wrap="nowrap">
                {exportLangs.map(({ lang, key }) => {
                  const language = t(`evidenceSoa.soa.languages.${key}`);
                  return (
                    <Button
                      key={lang}
                      component="a"
                      href={soaExportUrl(org, format, lang, versionNo)}
                      download
                      size="xs"
                      variant="light"
                      aria-label={t('evidenceSoa.soa.download', { format: format.toUpperCase(), language })}
                      data-testid={`soa-export-${format}-${lang}`}
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
