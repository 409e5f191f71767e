import { Badge, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { BilingualReason, HongKongResult } from '@contracts/classification/schema.js';

const levelColors = { low: 'green', medium: 'yellow', high: 'orange' } as const;

function Reasons({ reasons }: { reasons: BilingualReason[] }) {
  const { i18n } = useTranslation();
  if (reasons.length === 0) return null;
  return (
    <List size="xs" spacing={2} mt={4}>
      {reasons.map((r, i) => (
        <List.Item key={i}>
          {i18n.language === 'zh-HK' ? r['zh-HK'] : r.en}{' '}
          <Text span size="xs" c="dimmed">
            ({r.source})
          </Text>
        </List.Item>
      ))}
    </List>
  );
}

/** The Hong Kong view of the wizard's answers: PCPD risk level and oversight, SFC and HKMA flags, each with reasons. */
export function HongKongPreview({ result }: { result: HongKongResult }) {
  const { t } = useTranslation();
  const yesNo = (applicable: boolean, flag: boolean) =>
    applicable ? (flag ? t('classification.wizard.yes') : t('classification.wizard.no')) : t('classification.preview.notApplicable');
  return (
    <Paper withBorder p="md" radius="md" data-testid="hong-kong-preview">
      <Title order={5} mb="xs">
        {t('classification.preview.hongKong')}
      </Title>
      <Stack gap="sm">
        <div>
          <Group gap="sm">
            <Text size="sm" fw={500}>
              {t('classification.preview.pcpdLevel')}
            </Text>
            <Badge
              color={levelColors[result.pcpd.riskLevel]}
              autoContrast
              data-testid="hong-kong-pcpd-level"
              data-level={result.pcpd.riskLevel}
            >
              {t(`classification.pcpdRisk.${result.pcpd.riskLevel}`)}
            </Badge>
            <Text size="sm">
              {t('classification.preview.pair', {
                label: t('classification.preview.oversight'),
                value: t(`classification.oversight.${result.pcpd.oversight}`),
              })}
            </Text>
          </Group>
          <Reasons reasons={result.pcpd.reasons} />
        </div>
        <div>
          <Text size="sm">
            {t('classification.preview.pair', {
              label: t('classification.preview.sfcHighRisk'),
              value: yesNo(result.sfc.applicable, result.sfc.highRisk),
            })}
          </Text>
          <Reasons reasons={result.sfc.reasons} />
        </div>
        <div>
          <Text size="sm">
            {t('classification.preview.pair', {
              label: t('classification.preview.hkmaFlag'),
              value: yesNo(result.hkma.applicable, result.hkma.customerFacingGenAi),
            })}
          </Text>
          <Reasons reasons={result.hkma.reasons} />
        </div>
      </Stack>
    </Paper>
  );
}
