import { useState } from 'react';
import { Loader, Badge, Button, Group, Paper, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { attestationKinds, type AttestationKind, type AttestationView } from '@contracts/vendor-attestations/schema.js';
import { QueryError } from '../common/QueryError';
import { useArchiveAttestation, useCreateAttestation, useVendorAttestations } from '../../hooks/useVendorGovernance';
import { formatCalendarDate } from '../../lib/dates';

const expiryColour: Record<AttestationView['expiry'], string> = { valid: 'teal', expiring: 'yellow', expired: 'red', no_expiry: 'gray' };
const empty = { kind: 'iso27001' as AttestationKind, issuer: '', scope: '', validFrom: '', validTo: '' };

export function VendorAttestationsTab({ org, vendorId, canUpdate }: { org: string; vendorId: string; canUpdate: boolean }) {
  const { t, i18n } = useTranslation();
  const list = useVendorAttestations(org, vendorId);
  const create = useCreateAttestation(org, vendorId);
  const archive = useArchiveAttestation(org);
  const [form, setForm] = useState(empty);
  const text = (name: 'issuer' | 'scope' | 'validFrom' | 'validTo') => ({
    value: form[name],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, [name]: e.currentTarget.value }),
  });
  if (list.isError) return <QueryError error={list.error} />;
  if (list.isPending) return <Loader size="sm" />;
  return (
    <Stack>
      {canUpdate && (
        <Paper withBorder p="md" radius="md">
          <Group align="flex-end" wrap="wrap">
            <Select
              label={t('vendorGovernance.attestations.kind')}
              value={form.kind}
              data={attestationKinds.map((k) => ({ value: k, label: t(`vendorGovernance.attestations.kinds.${k}`) }))}
              onChange={(v) => setForm({ ...form, kind: attestationKinds.find((k) => k === v) ?? form.kind })}
              allowDeselect={false}
            />
            <TextInput label={t('vendorGovernance.attestations.issuer')} required {...text('issuer')} />
            <TextInput label={t('vendorGovernance.attestations.scope')} {...text('scope')} />
            <TextInput label={t('vendorGovernance.attestations.validFrom')} type="date" {...text('validFrom')} />
            <TextInput label={t('vendorGovernance.attestations.validTo')} type="date" {...text('validTo')} />
            <Button
              loading={create.isPending}
              disabled={!form.issuer.trim()}
              onClick={() =>
                create.mutate(
                  {
                    kind: form.kind,
                    issuer: form.issuer,
                    scope: form.scope || null,
                    validFrom: form.validFrom || null,
                    validTo: form.validTo || null,
                  },
                  { onSuccess: () => setForm(empty) },
                )
              }
            >
              {t('vendorGovernance.attestations.add')}
            </Button>
          </Group>
          {create.error ? <QueryError error={create.error} /> : null}
        </Paper>
      )}
      {archive.error ? <QueryError error={archive.error} /> : null}
      {list.data?.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('vendorGovernance.attestations.empty')}
        </Text>
      ) : (
        <Table data-testid="vendor-attestations">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('vendorGovernance.attestations.kind')}</Table.Th>
              <Table.Th>{t('vendorGovernance.attestations.issuer')}</Table.Th>
              <Table.Th>{t('vendorGovernance.attestations.scope')}</Table.Th>
              <Table.Th>{t('vendorGovernance.attestations.validTo')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data?.items.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>{t(`vendorGovernance.attestations.kinds.${a.kind}`)}</Table.Td>
                <Table.Td>{a.issuer}</Table.Td>
                <Table.Td>{a.scope}</Table.Td>
                <Table.Td>
                  <Group gap="xs">
                    {a.validTo ? formatCalendarDate(a.validTo, i18n.language) : '—'}
                    <Badge color={expiryColour[a.expiry]} variant="light">
                      {t(`vendorGovernance.attestations.expiry.${a.expiry}`)}
                    </Badge>
                  </Group>
                </Table.Td>
                <Table.Td>
                  {canUpdate && (
                    <Button size="xs" variant="subtle" color="gray" onClick={() => archive.mutate(a.id)}>
                      {t('vendorGovernance.attestations.archive')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
