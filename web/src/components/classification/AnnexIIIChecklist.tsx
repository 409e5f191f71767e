import { Checkbox, Fieldset, SimpleGrid, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { annexIIICodes, type AnnexIIICode } from '@contracts/classification/schema.js';

/** `4a` → `4(a)` */
export const annexIIIPoint = (code: AnnexIIICode): string => `${code[0]}(${code[1]})`;

const areas = [...new Set(annexIIICodes.map((c) => c[0] as string))];

interface Props {
  selected: readonly AnnexIIICode[];
  onChange: (codes: AnnexIIICode[]) => void;
  disabled?: boolean;
}

/** Every Annex III point, grouped by its area (1–8). */
export function AnnexIIIChecklist({ selected, onChange, disabled }: Props) {
  const { t } = useTranslation();
  const points = t('classification.annexIII', { returnObjects: true });
  const areaTitles = t('classification.annexIIIArea', { returnObjects: true });
  const toggle = (code: AnnexIIICode, on: boolean) =>
    // Kept in the order of the Annex, whatever the order of the clicks.
    onChange(annexIIICodes.filter((c) => (c === code ? on : selected.includes(c))));

  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
      {areas.map((area) => (
        <Fieldset key={area} legend={`${area}. ${areaTitles[area as keyof typeof areaTitles]}`} data-testid={`annex-iii-area-${area}`}>
          <Stack gap="xs">
            {annexIIICodes
              .filter((c) => c[0] === area)
              .map((code) => (
                <Checkbox
                  key={code}
                  label={`${annexIIIPoint(code)} ${points[code]}`}
                  checked={selected.includes(code)}
                  disabled={disabled}
                  onChange={(e) => toggle(code, e.currentTarget.checked)}
                  data-testid={`annex-iii-${code}`}
                />
              ))}
          </Stack>
        </Fieldset>
      ))}
    </SimpleGrid>
  );
}
