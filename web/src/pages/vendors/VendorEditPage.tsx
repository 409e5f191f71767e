import { useMemo } from 'react';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useParams } from 'react-router-dom';
import { FullPageLoader } from '../../components/common/FullPageLoader';
import { PageHeader } from '../../components/common/PageHeader';
import { QueryError } from '../../components/common/QueryError';
import { VendorForm } from '../../components/vendors/VendorForm';
import { useOrg } from '../../hooks/useOrg';
import { useUpdateVendor, useVendor } from '../../hooks/useVendors';
import { vendorChanges, vendorValuesFromView } from '../../lib/vendorForm';

export function VendorEditPage() {
  const { t } = useTranslation();
  const org = useOrg();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const vendor = useVendor(org.slug, id);
  const update = useUpdateVendor(org.slug, id);
  const initialValues = useMemo(() => (vendor.data ? vendorValuesFromView(vendor.data) : null), [vendor.data]);

  if (vendor.isPending) return <FullPageLoader />;
  if (vendor.isError) return <QueryError error={vendor.error} />;
  if (!vendor.data.can.update || vendor.data.archivedAt) return <Navigate to={`/o/${org.slug}/vendors/${id}`} replace />;

  return (
    <>
      <PageHeader title={t('vendors.editTitle', { name: vendor.data.name })} />
      {initialValues && (
        <VendorForm
          initialValues={initialValues}
          submitLabel={t('common.save')}
          onCancel={() => void navigate(`/o/${org.slug}/vendors/${id}`)}
          onSubmit={async (values) => {
            await update.mutateAsync(vendorChanges(initialValues, values));
            notifications.show({ color: 'teal', message: t('vendors.saved') });
            void navigate(`/o/${org.slug}/vendors/${id}`);
          }}
        />
      )}
    </>
  );
}
