import { Anchor, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { SystemView } from '@contracts/systems/schema.js';
import { enumLabel, type EnumKind } from '../../i18n/labels';
import { formatCalendarDate, formatDateTime } from '../../lib/dates';
import { DetailList } from '../common/DetailList';

function Badges({ values }: { values: string[] }) {
  if (values.length === 0) return null;
  return (
    <Group gap={4}>
      {values.map((v) => (
        <Badge key={v} variant="light" color="gray" tt="none">
          {v}
        </Badge>
      ))}
    </Group>
  );
}

/** The read-only view of one AI system, in sections that mirror the form. */
export function SystemDetails({ system, org }: { system: SystemView; org: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const label = (kind: EnumKind, value: string) => enumLabel(kind, value, lang);
  const labels = (kind: EnumKind, values: string[]) => <Badges values={values.map((v) => label(kind, v))} />;
  const person = (p: SystemView['accountableOwner']) => (p ? `${p.displayName} (${p.email})` : null);

  const sections: { title: string; items: Parameters<typeof DetailList>[0]['items'] }[] = [
    {
      title: t('systems.sections.identity'),
      items: [
        { label: t('systems.fields.type'), value: label('type', system.type), testId: 'detail-type' },
        {
          label: t('systems.fields.lifecycleStage'),
          value: label('lifecycleStage', system.lifecycleStage),
          testId: 'detail-stage',
        },
        { label: t('systems.fields.intendedUsers'), value: system.intendedUsers },
        { label: t('systems.fields.businessUnit'), value: system.businessUnit },
      ],
    },
    {
      title: t('systems.sections.ownership'),
      items: [
        { label: t('systems.fields.accountableOwnerId'), value: person(system.accountableOwner), testId: 'detail-owner' },
        { label: t('systems.fields.technicalOwnerId'), value: person(system.technicalOwner) },
        { label: t('systems.fields.registrationStatus'), value: label('registrationStatus', system.registrationStatus) },
        { label: t('systems.fields.source'), value: label('source', system.source) },
      ],
    },
    {
      title: t('systems.sections.technology'),
      items: [
        { label: t('systems.fields.hosting'), value: label('hosting', system.hosting) },
        {
          label: t('systems.fields.vendorId'),
          value: system.vendor ? (
            <Anchor component={Link} to={`/o/${org}/vendors/${system.vendor.id}`} size="sm">
              {system.vendor.name}
            </Anchor>
          ) : null,
        },
        { label: t('systems.fields.models'), value: <Badges values={system.models} /> },
        { label: t('systems.fields.modelProviders'), value: <Badges values={system.modelProviders} /> },
        { label: t('systems.fields.regionsUsed'), value: labels('region', system.regionsUsed) },
        { label: t('systems.fields.outputRegions'), value: labels('region', system.outputRegions) },
      ],
    },
    {
      title: t('systems.sections.data'),
      items: [
        { label: t('systems.fields.dataCategories'), value: labels('dataCategory', system.dataCategories) },
        { label: t('systems.fields.affectedPersons'), value: labels('affectedPerson', system.affectedPersons) },
        { label: t('systems.fields.decisionRole'), value: label('decisionRole', system.decisionRole) },
        { label: t('systems.fields.humanOversight'), value: label('oversight', system.humanOversight) },
      ],
    },
    {
      title: t('systems.sections.governance'),
      items: [
        { label: t('systems.fields.nextReviewDate'), value: formatCalendarDate(system.nextReviewDate, lang) },
        { label: t('systems.fields.tags'), value: <Badges values={system.tags} /> },
        { label: t('common.created'), value: formatDateTime(system.createdAt, lang) },
        { label: t('common.updated'), value: formatDateTime(system.updatedAt, lang) },
        { label: t('systems.fields.version'), value: String(system.version) },
      ],
    },
  ];

  return (
    <Stack gap="lg">
      <Paper withBorder p="lg" radius="md">
        <Text size="xs" c="dimmed" tt="uppercase" fw={600} mb={4}>
          {t('systems.fields.purpose')}
        </Text>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="detail-purpose">
          {system.purpose}
        </Text>
      </Paper>
      {sections.map((section) => (
        <Paper key={section.title} withBorder p="lg" radius="md">
          <Title order={4} mb="md">
            {section.title}
          </Title>
          <DetailList items={section.items} />
        </Paper>
      ))}
    </Stack>
  );
}
