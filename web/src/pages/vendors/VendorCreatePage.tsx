import { useMemo } from 'react';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router-dom';
import { PageHeader } from '../../components/common/PageHeader';
import { VendorForm } from '../../components/vendors/VendorForm';
import { useCan, useOrg } from '../../hooks/useOrg';
import { useCreateVendor } from '../../hooks/useVendors';
import { emptyVendorValues, vendorPayload } from '../../lib/vendorForm';

export function VendorCreatePage() {
  const { t } = useTranslation();
  const org = useOrg();
  const allowed = useCan('vendor.create');
  const navigate = useNavigate();
  const create = useCreateVendor(org.slug);
  const initialValues = useMemo(emptyVendorValues, []);
  if (!allowed) return <Navigate to={`/o/${org.slug}/vendors`} replace />;

  return (
    <>
      <PageHeader title={t('vendors.createTitle')} />
      <VendorForm
        initialValues={initialValues}
        submitLabel={t('vendors.new')}
        onCancel={() => void navigate(`/o/${org.slug}/vendors`)}
        onSubmit={async (values) => {
          const created = await create.mutateAsync(vendorPayload(values));
          notifications.show({ color: 'teal', message: t('vendors.created') });
          void navigate(`/o/${org.slug}/vendors/${created.id}`);
        }}
      />
    </>
  );
}
