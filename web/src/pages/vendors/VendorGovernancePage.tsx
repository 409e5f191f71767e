import { useEffect, useState } from 'react';
import { Anchor, Badge, Button, Group, MultiSelect, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { policyCategories, type ResidencyPolicyInput } from '@contracts/residency/schema.js';
import { PageHeader } from '../../components/common/PageHeader';
import { QueryError } from '../../components/common/QueryError';
import { TierBadge } from '../../components/vendor-governance/TierBadge';
import { useOrg } from '../../hooks/useOrg';
import {
  useDueVendors,
  useExpiringAttestations,
  useResidencyPolicy,
  useResidencyViolations,
  useSetResidencyPolicy,
} from '../../hooks/useVendorGovernance';
import { enumLabel } from '../../i18n/labels';
import { formatCalendarDate } from '../../lib/dates';

type Region = ResidencyPolicyInput['allowedRegions'][number];

function ResidencySection({ org }: { org: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'zh-HK' ? 'zh-HK' : 'en';
  const policy = useResidencyPolicy(org);
  const violations = useResidencyViolations(org);
  const save = useSetResidencyPolicy(org);
  const [allowed, setAllowed] = useState<string[]>([]);
  const [categories, setCategories] = useState<string[]>([]);
  useEffect(() => {
    if (!policy.data) return;
    setAllowed(policy.data.allowedRegions);
    setCategories(policy.data.dataCategories);
  }, [policy.data]);
  if (policy.isError) return <QueryError error={policy.error} />;
  const p = policy.data;
  return (
    <Paper withBorder p="lg" radius="md">
      <Title order={4} mb="sm">
        {t('vendorGovernance.overview.policy')}
      </Title>
      {p && !p.configured && (
        <Text size="sm" c="dimmed" mb="sm">
          {t('vendorGovernance.overview.notConfigured')}
        </Text>
      )}
      {p && (
        <Group align="flex-end" mb="md">
          <MultiSelect
            label={t('vendorGovernance.overview.allowedRegions')}
            data={p.regions.map((r) => ({ value: r.code, label: r.label[lang] }))}
            value={allowed}
            onChange={setAllowed}
            disabled={!p.can.update}
            miw={360}
            data-testid="residency-allowed-regions"
          />
          <MultiSelect
            label={t('vendorGovernance.overview.dataCategories')}
            description={t('vendorGovernance.overview.dataCategoriesHint')}
            placeholder={categories.length === 0 ? t('vendorGovernance.overview.personalByDefault') : undefined}
            data={policyCategories.map((c) => ({ value: c, label: enumLabel('dataCategory', c, lang) }))}
            value={categories}
            onChange={setCategories}
            disabled={!p.can.update}
            miw={360}
            data-testid="residency-data-categories"
          />
          {p.can.update && (
            <Button
              loading={save.isPending}
              disabled={allowed.length === 0}
              onClick={() =>
                save.mutate(
                  {
                    allowedRegions: allowed as Region[],
                    dataCategories: categories,
                    note: p.note,
                    ...(p.version > 0 ? { version: p.version } : {}),
                  },
                  { onSuccess: () => notifications.show({ color: 'teal', message: t('vendorGovernance.overview.saved') }) },
                )
              }
            >
              {t('vendorGovernance.overview.savePolicy')}
            </Button>
          )}
        </Group>
      )}
      {save.error ? <QueryError error={save.error} /> : null}
      <Title order={5} mb="xs">
        {t('vendorGovernance.overview.violations')}
      </Title>
      {violations.isError ? <QueryError error={violations.error} /> : null}
      {violations.data && violations.data.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('vendorGovernance.overview.noViolations')}
        </Text>
      ) : (
        <Table data-testid="residency-violation-table">
          <Table.Tbody>
            {violations.data?.items.map((v) => (
              <Table.Tr key={`${v.subject}-${v.id}-${v.kind}-${v.region ?? v.regionText ?? ''}`}>
                <Table.Td>
                  <Badge variant="light" color={v.subject === 'vendor' ? 'grape' : 'blue'}>
                    {t(`vendorGovernance.overview.subject.${v.subject}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/o/${org}/${v.subject === 'vendor' ? 'vendors' : 'systems'}/${v.id}`} size="sm">
                    {v.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>{v.reason[lang]}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}

/** Organisation-wide view of third-party AI governance: residency, re-assessments due, expiring attestations. */
export function VendorGovernancePage() {
  const { t, i18n } = useTranslation();
  const org = useOrg();
  const due = useDueVendors(org.slug, 60);
  const expiring = useExpiringAttestations(org.slug);
  return (
    <>
      <PageHeader title={t('vendorGovernance.overview.title')} />
      <Stack gap="lg">
        <ResidencySection org={org.slug} />
        <Paper withBorder p="lg" radius="md">
          <Title order={4} mb="sm">
            {t('vendorGovernance.overview.due')}
          </Title>
          {due.isError ? <QueryError error={due.error} /> : null}
          {due.data?.items.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('vendorGovernance.overview.noneDue')}
            </Text>
          ) : (
            <Table>
              <Table.Tbody>
                {due.data?.items.map((d) => (
                  <Table.Tr key={d.vendor.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/o/${org.slug}/vendors/${d.vendor.id}`} size="sm">
                        {d.vendor.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{t(`vendorGovernance.overview.reason.${d.reason}`)}</Table.Td>
                    <Table.Td>
                      <TierBadge tier={d.tier} />
                    </Table.Td>
                    <Table.Td>{d.nextAssessmentDate ? formatCalendarDate(d.nextAssessmentDate, i18n.language) : '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Paper>
        <Paper withBorder p="lg" radius="md">
          <Title order={4} mb="sm">
            {t('vendorGovernance.overview.expiring')}
          </Title>
          {expiring.isError ? <QueryError error={expiring.error} /> : null}
          {expiring.data?.items.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('vendorGovernance.overview.noneExpiring')}
            </Text>
          ) : (
            <Table>
              <Table.Tbody>
                {expiring.data?.items.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/o/${org.slug}/vendors/${a.vendor.id}`} size="sm">
                        {a.vendor.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{t(`vendorGovernance.attestations.kinds.${a.kind}`)}</Table.Td>
                    <Table.Td>{a.issuer}</Table.Td>
                    <Table.Td>
                      {a.validTo ? formatCalendarDate(a.validTo, i18n.language) : '—'}{' '}
                      <Badge color={a.expiry === 'expired' ? 'red' : 'yellow'} variant="light">
                        {t(`vendorGovernance.attestations.expiry.${a.expiry}`)}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Paper>
      </Stack>
    </>
  );
}
