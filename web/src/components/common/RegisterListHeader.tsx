import { Button } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useCan } from '../../hooks/useOrg';
import { ExportMenu } from './ExportMenu';
import { PageHeader } from './PageHeader';

interface RegisterListHeaderProps {
  org: string;
  entity: 'systems' | 'vendors';
}

/** The heading of a register list: title and introduction, export, and "new" for those who may create. */
export function RegisterListHeader({ org, entity }: RegisterListHeaderProps) {
  const { t } = useTranslation();
  const canCreate = useCan(entity === 'systems' ? 'system.create' : 'vendor.create');
  const canExport = useCan('export.run');
  const testId = entity === 'systems' ? 'new-system' : 'new-vendor';
  return (
    <PageHeader
      title={t(`${entity}.title`)}
      intro={t(`${entity}.intro`)}
      actions={
        <>
          {canExport && <ExportMenu org={org} entity={entity} />}
          {canCreate && (
            <Button component={Link} to={`/o/${org}/${entity}/new`} leftSection={<IconPlus size={16} />} data-testid={testId}>
              {t(`${entity}.new`)}
            </Button>
          )}
        </>
      }
    />
  );
}
