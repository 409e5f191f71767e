import { Button, Menu } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { exportUrl, type TransferEntity } from '../../api/transfer';
import { useLanguage } from '../../hooks/useLanguage';

/** Plain links: the browser sends the session cookie and saves the file. */
export function ExportMenu({ org, entity }: { org: string; entity: TransferEntity }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="default" leftSection={<IconDownload size={16} />} data-testid="export-menu">
          {t('common.export')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item component="a" href={exportUrl(org, entity, 'xlsx', language)} download data-testid="export-xlsx">
          {t('common.downloadXlsx')}
        </Menu.Item>
        <Menu.Item component="a" href={exportUrl(org, entity, 'csv', language)} download data-testid="export-csv">
          {t('common.downloadCsv')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
