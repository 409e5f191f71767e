import { useState } from 'react';
import { Button, Drawer, Group, Select, Stack, TagsInput, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { catalogueEntryInput, type CatalogueEntryInput, type CatalogueEntryView } from '@contracts/discovery/schema.js';
import { useSaveCatalogueEntry } from '../../hooks/useDiscovery';
import { useServerErrors } from '../../hooks/useServerErrors';
import { FormErrorAlert } from '../common/FormErrorAlert';

const fields = [
  'id',
  'provider',
  'product',
  'category',
  'domains',
  'oauthAppNames',
  'merchantNames',
  'providerCountry',
  'dataUseNote',
  'termsUrl',
] as const;
type AiServiceCategory = CatalogueEntryInput['category'];
const aiServiceCategories = catalogueEntryInput.shape.category.options;
const catalogIdPattern = /^[a-z0-9][a-z0-9-]{1,79}$/;

interface Draft {
  id: string;
  provider: string;
  product: string;
  category: AiServiceCategory | null;
  domains: string[];
  oauthAppNames: string[];
  merchantNames: string[];
  providerCountry: string;
  dataUseNote: string;
  termsUrl: string;
}

const draftOf = (e: CatalogueEntryView | null): Draft => ({
  id: e?.id ?? '',
  provider: e?.provider ?? '',
  product: e?.product ?? '',
  category: e?.category ?? null,
  domains: e?.domains ?? [],
  oauthAppNames: e?.oauthAppNames ?? [],
  merchantNames: e?.merchantNames ?? [],
  providerCountry: e?.providerCountry ?? '',
  dataUseNote: e?.dataUseNote ?? '',
  termsUrl: e?.termsUrl ?? '',
});

/** Adds one of the organisation's own catalogue entries, or edits one (its id then stays). */
export function CatalogueEntryDrawer({ org, entry, onClose }: { org: string; entry: CatalogueEntryView | null; onClose: () => void }) {
  const { t } = useTranslation();
  const save = useSaveCatalogueEntry(org);
  const [draft, setDraft] = useState<Draft>(() => draftOf(entry));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const server = useServerErrors(fields, setErrors);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const submit = async () => {
    const missing: Record<string, string> = {};
    for (const key of ['provider', 'product', 'dataUseNote'] as const) if (!draft[key].trim()) missing[key] = t('validation.required');
    if (!catalogIdPattern.test(draft.id)) missing.id = t('discovery.catalogue.idHint');
    if (!draft.category) missing.category = t('validation.choose');
    if (!/^[A-Z]{2}$/.test(draft.providerCountry.trim().toUpperCase())) missing.providerCountry = t('discovery.catalogue.countryHint');
    if (Object.keys(missing).length) {
      setErrors(missing);
      return;
    }
    setErrors({});
    const body: CatalogueEntryInput = {
      provider: draft.provider.trim(),
      product: draft.product.trim(),
      category: draft.category as AiServiceCategory,
      domains: draft.domains,
      // kept as they are: the form does not edit them
      sharedDomains: entry?.sharedDomains ?? [],
      modelApi: entry?.modelApi ?? false,
      oauthAppNames: draft.oauthAppNames,
      merchantNames: draft.merchantNames,
      providerCountry: draft.providerCountry.trim().toUpperCase(),
      dataUseNote: draft.dataUseNote.trim(),
      termsUrl: draft.termsUrl.trim() || null,
    };
    const saved = await server.run(() => save.mutateAsync({ catalogId: draft.id, body }));
    if (!saved) return;
    notifications.show({ color: 'teal', message: t('discovery.catalogue.saved') });
    onClose();
  };

  const field = (name: (typeof fields)[number]) => ({ error: errors[name], 'data-testid': `catalogue-field-${name}` });

  return (
    <Drawer
      opened
      onClose={onClose}
      position="right"
      size="lg"
      title={entry ? t('discovery.catalogue.editTitle') : t('discovery.catalogue.newTitle')}
    >
      <Stack gap="sm">
        <TextInput
          label={t('discovery.catalogue.id')}
          description={t('discovery.catalogue.idHint')}
          required
          maxLength={80}
          value={draft.id}
          onChange={(e) => set('id', e.currentTarget.value.toLowerCase())}
          disabled={entry !== null}
          {...field('id')}
        />
        <Group grow align="flex-start">
          <TextInput
            label={t('discovery.catalogue.provider')}
            required
            maxLength={200}
            value={draft.provider}
            onChange={(e) => set('provider', e.currentTarget.value)}
            {...field('provider')}
          />
          <TextInput
            label={t('discovery.catalogue.product')}
            required
            maxLength={200}
            value={draft.product}
            onChange={(e) => set('product', e.currentTarget.value)}
            {...field('product')}
          />
        </Group>
        <Group grow align="flex-start">
          <Select
            label={t('discovery.catalogue.category')}
            required
            data={aiServiceCategories.map((c) => ({ value: c, label: t(`discovery.category.${c}`) }))}
            value={draft.category}
            onChange={(v) => set('category', v as AiServiceCategory | null)}
            {...field('category')}
          />
          <TextInput
            label={t('discovery.catalogue.country')}
            description={t('discovery.catalogue.countryHint')}
            required
            maxLength={2}
            value={draft.providerCountry}
            onChange={(e) => set('providerCountry', e.currentTarget.value.toUpperCase())}
            {...field('providerCountry')}
          />
        </Group>
        <TagsInput
          label={t('discovery.catalogue.domains')}
          description={t('discovery.catalogue.domainsHint')}
          value={draft.domains}
          onChange={(v) => set('domains', v)}
          maxTags={100}
          {...field('domains')}
        />
        <TagsInput
          label={t('discovery.catalogue.oauthAppNames')}
          description={t('discovery.catalogue.oauthHint')}
          value={draft.oauthAppNames}
          onChange={(v) => set('oauthAppNames', v)}
          maxTags={30}
          {...field('oauthAppNames')}
        />
        <TagsInput
          label={t('discovery.catalogue.merchantNames')}
          description={t('discovery.catalogue.merchantHint')}
          value={draft.merchantNames}
          onChange={(v) => set('merchantNames', v)}
          maxTags={30}
          {...field('merchantNames')}
        />
        <Textarea
          label={t('discovery.catalogue.dataUseNote')}
          required
          autosize
          minRows={2}
          maxLength={400}
          value={draft.dataUseNote}
          onChange={(e) => set('dataUseNote', e.currentTarget.value)}
          {...field('dataUseNote')}
        />
        <TextInput
          label={t('discovery.catalogue.termsUrl')}
          type="url"
          value={draft.termsUrl}
          onChange={(e) => set('termsUrl', e.currentTarget.value)}
          {...field('termsUrl')}
        />
        <FormErrorAlert error={server.error} otherIssues={server.otherIssues} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={() => void submit()} loading={save.isPending} data-testid="catalogue-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Drawer>
  );
}
