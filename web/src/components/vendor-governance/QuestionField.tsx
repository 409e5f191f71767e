import { Checkbox, MultiSelect, Radio, Stack, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { VendorLinkView } from '@contracts/vendor-assessments/schema.js';

export type Answer = { value: string | string[]; comment?: string | null };
export type Answers = Record<string, Answer>;
export type LocalizedQuestion = VendorLinkView['questions'][number];
export type RegionOption = VendorLinkView['regions'][number];

/** One questionnaire question in one language, as the vendor answers it through the link and the assessor corrects it. */
export function QuestionField({
  q,
  regions,
  answer,
  onChange,
}: {
  q: LocalizedQuestion;
  regions: RegionOption[];
  answer: Answer | undefined;
  onChange: (a: Answer) => void;
}) {
  const { t } = useTranslation();
  const list = Array.isArray(answer?.value) ? answer.value : [];
  const comment = answer?.comment ?? '';
  const withValue = (value: string | string[]) => onChange({ value, comment: comment || null });
  return (
    <Stack gap="xs" data-testid={`question-${q.id}`}>
      <Text fw={600}>
        {q.id}. {q.text}
      </Text>
      {q.help && (
        <Text size="sm" c="dimmed">
          {q.help}
        </Text>
      )}
      {q.type === 'single' && (
        <Radio.Group value={typeof answer?.value === 'string' ? answer.value : null} onChange={withValue}>
          <Stack gap={4}>
            {q.options.map((o) => (
              <Radio key={o.id} value={o.id} label={o.label} />
            ))}
          </Stack>
        </Radio.Group>
      )}
      {q.type === 'multi' && (
        <Checkbox.Group value={list} onChange={withValue}>
          <Stack gap={4}>
            {q.options.map((o) => (
              <Checkbox key={o.id} value={o.id} label={o.label} />
            ))}
          </Stack>
        </Checkbox.Group>
      )}
      {q.type === 'regions' && (
        <MultiSelect
          aria-label={q.text}
          placeholder={t('vendorGovernance.response.regionsPlaceholder')}
          data={regions.map((r) => ({ value: r.code, label: r.label }))}
          value={list}
          onChange={withValue}
        />
      )}
      {q.evidenceRequested && (
        <Text size="xs" c="dimmed">
          {q.evidenceRequested}
        </Text>
      )}
      <Textarea
        size="xs"
        placeholder={t('vendorGovernance.response.comment')}
        autosize
        minRows={1}
        value={comment}
        disabled={answer === undefined}
        onChange={(e) => answer && onChange({ value: answer.value, comment: e.currentTarget.value || null })}
      />
    </Stack>
  );
}
