import { Alert, List } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useResidencyViolations } from '../../hooks/useVendorGovernance';

/** The residency problems that name this vendor (or come through its systems), in the UI language. */
export function VendorResidencyNotice({ org, vendorId, vendorName }: { org: string; vendorId: string; vendorName: string }) {
  const { t, i18n } = useTranslation();
  const violations = useResidencyViolations(org);
  const mine = (violations.data?.items ?? []).filter((v) => v.subject === 'vendor' && v.id === vendorId);
  if (!mine.length) return null;
  const lang = i18n.language === 'zh-HK' ? 'zh-HK' : 'en';
  return (
    <Alert color="orange" title={t('vendorGovernance.residency.title')} data-testid="residency-violations">
      <List size="sm">
        {mine.map((v) => (
          <List.Item key={`${v.kind}-${v.regionText ?? v.region ?? ''}`}>
            {vendorName} {v.reason[lang]}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
