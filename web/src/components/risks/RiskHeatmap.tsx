import { Box, Group, Paper, SegmentedControl, Text, Title, Tooltip, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { RiskHeatmap as Heatmap } from '@contracts/risks/schema.js';
import { useLanguage } from '../../hooks/useLanguage';
import { bandOf, pick, textOn } from './riskUtils';

export type HeatmapMode = 'inherent' | 'residual';
export interface HeatmapCell {
  mode: HeatmapMode;
  likelihood: number;
  impact: number;
}

interface Props {
  data: Heatmap;
  mode: HeatmapMode;
  onMode: (mode: HeatmapMode) => void;
  selected: HeatmapCell | null;
  onSelect: (cell: HeatmapCell | null) => void;
}

/**
 * The organisation's matrix: likelihood rows (highest at the top) × impact columns, each cell in its band colour with
 * the number of open risks there. Clicking a cell filters the register; clicking it again clears the filter.
 */
export function RiskHeatmap({ data, mode, onMode, selected, onSelect }: Props) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const { matrix } = data;
  const map = data[mode];
  const count = (l: number, i: number) => map.cells.find((c) => c.likelihood === l && c.impact === i);
  const rows = matrix.likelihood.map((_, k) => matrix.likelihood.length - k);
  const columns = matrix.impact.map((_, k) => k + 1);
  const template = `minmax(88px, auto) repeat(${columns.length}, minmax(56px, 1fr))`;

  return (
    <Paper withBorder radius="md" p="md" data-testid="risk-heatmap" data-mode={mode}>
      <Group justify="space-between" mb="sm">
        <Title order={4}>{t('risk.heatmap.title')}</Title>
        <SegmentedControl
          size="xs"
          value={mode}
          onChange={(v) => onMode(v === 'residual' ? 'residual' : 'inherent')}
          data={[
            { value: 'inherent', label: t('risk.heatmap.inherent') },
            { value: 'residual', label: t('risk.heatmap.residual') },
          ]}
          data-testid="heatmap-mode"
        />
      </Group>
      <Text size="xs" fw={600} c="dimmed" mb={4}>
        ↑ {t('risk.heatmap.likelihood')}
      </Text>
      <Group gap={6} wrap="nowrap" align="stretch">
        <Box style={{ flex: 1 }}>
          <Box role="grid" aria-label={t('risk.heatmap.title')} style={{ display: 'grid', gridTemplateColumns: template, gap: 4 }}>
            {rows.map((l) => (
              <Box key={l} role="row" style={{ display: 'contents' }}>
                <Text role="rowheader" size="xs" c="dimmed" ta="right" pr={4} style={{ alignSelf: 'center' }}>
                  {l} · {pick(matrix.likelihood[l - 1]!.label, language)}
                </Text>
                {columns.map((i) => {
                  const cell = count(l, i);
                  const n = cell?.count ?? 0;
                  const band = cell ? bandOf(matrix, cell.band) : undefined;
                  const color = band?.color ?? '#868e96';
                  const active = selected?.mode === mode && selected.likelihood === l && selected.impact === i;
                  const label = t('risk.heatmap.cellLabel', {
                    count: n,
                    likelihood: l,
                    impact: i,
                    likelihoodLabel: pick(matrix.likelihood[l - 1]!.label, language),
                    impactLabel: pick(matrix.impact[i - 1]!.label, language),
                  });
                  return (
                    <Tooltip key={i} label={`${label}${band ? ` · ${pick(band.name, language)}` : ''}`} withArrow>
                      <UnstyledButton
                        role="gridcell"
                        aria-label={label}
                        aria-pressed={active}
                        onClick={() => onSelect(active ? null : { mode, likelihood: l, impact: i })}
                        data-testid={`heatmap-cell-${l}-${i}`}
                        data-count={n}
                        data-band={cell?.band}
                        style={{
                          background: color,
                          color: textOn(color),
                          opacity: n === 0 ? 0.45 : 1,
                          borderRadius: 6,
                          minHeight: 44,
                          display: 'flex',
                          alignItems: 'center',
                          justifyContent: 'center',
                          fontWeight: 700,
                          outline: active ? '3px solid var(--mantine-color-dark-6)' : undefined,
                          outlineOffset: 1,
                        }}
                      >
                        {n > 0 ? n : ''}
                      </UnstyledButton>
                    </Tooltip>
                  );
                })}
              </Box>
            ))}
            <Box />
            {columns.map((i) => (
              <Text key={i} size="xs" c="dimmed" ta="center">
                {i} · {pick(matrix.impact[i - 1]!.label, language)}
              </Text>
            ))}
          </Box>
          <Text size="xs" fw={600} c="dimmed" ta="center" mt={4}>
            {t('risk.heatmap.impact')} →
          </Text>
        </Box>
      </Group>
      <Group gap="md" mt="sm">
        {mode === 'residual' && data.residual.withoutResidual > 0 && (
          <Text size="xs" c="dimmed" data-testid="heatmap-without-residual">
            {t('risk.heatmap.withoutResidual', { count: data.residual.withoutResidual })}
          </Text>
        )}
        {data.closed > 0 && (
          <Text size="xs" c="dimmed">
            {t('risk.heatmap.closed', { count: data.closed })}
          </Text>
        )}
      </Group>
    </Paper>
  );
}
