import { useEffect, useState } from 'react';
import { Alert, Button, Center, Checkbox, FileButton, Group, MultiSelect, Paper, Radio, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import type { VendorLinkView } from '@contracts/vendor-assessments/schema.js';
import { ApiError } from '../../api/client';
import { attachVendorFile, readVendorLink, submitVendorLink } from '../../api/vendorGovernance';
import { FullPageLoader } from '../../components/common/FullPageLoader';
import { QueryError } from '../../components/common/QueryError';
import { formatDateTime } from '../../lib/dates';

type Answers = Record<string, { value: string | string[]; comment?: string | null }>;

function Question({
  q,
  regions,
  answer,
  onChange,
}: {
  q: VendorLinkView['questions'][number];
  regions: VendorLinkView['regions'];
  answer: Answers[string] | undefined;
  onChange: (a: Answers[string]) => void;
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

/** The vendor's page: no account, the token in the address is the only credential; answers are sent once. */
export function VendorResponsePage() {
  const { t, i18n } = useTranslation();
  const { token = '' } = useParams();
  const link = useQuery({ queryKey: ['vendor-link', token], queryFn: () => readVendorLink(token), retry: false });
  const [answers, setAnswers] = useState<Answers>({});
  const [attachments, setAttachments] = useState(0);
  const submit = useMutation({ mutationFn: () => submitVendorLink(token, { answers }) });
  const attach = useMutation({
    mutationFn: (file: File) => attachVendorFile(token, file),
    onSuccess: (r) => setAttachments(r.attachments),
  });

  useEffect(() => {
    if (!link.data) return;
    setAnswers(link.data.answers);
    setAttachments(link.data.attachments);
    // the page speaks the questionnaire's language
    if (i18n.language !== link.data.language) void i18n.changeLanguage(link.data.language);
  }, [link.data, i18n]);

  if (link.isPending) return <FullPageLoader />;
  if (link.isError) {
    const status = link.error instanceof ApiError ? link.error.status : 0;
    return (
      <Center mih="60vh" p="md">
        {status === 410 || status === 404 || status === 400 ? (
          <Alert color="gray" maw={520}>
            {t(status === 410 ? 'vendorGovernance.response.gone' : 'vendorGovernance.response.unknown')}
          </Alert>
        ) : (
          <QueryError error={link.error} />
        )}
      </Center>
    );
  }
  const view = link.data;
  if (submit.isSuccess)
    return (
      <Center mih="60vh" p="md">
        <Alert color="teal" maw={520} data-testid="vendor-thanks">
          {t('vendorGovernance.response.thanks')}
        </Alert>
      </Center>
    );

  return (
    <Stack maw={820} mx="auto" p="lg" gap="lg">
      <Stack gap={4}>
        <Title order={2}>{t('vendorGovernance.response.heading', { org: view.orgName })}</Title>
        <Text c="dimmed">{t('vendorGovernance.response.forVendor', { vendor: view.vendorName })}</Text>
        <Text fw={600}>{view.title}</Text>
        <Text size="sm">{view.intro}</Text>
        <Text size="sm" c="dimmed">
          {t('vendorGovernance.response.expires', { date: formatDateTime(view.expiresAt, view.language) })}
        </Text>
      </Stack>
      {view.topics.map((topic) => (
        <Paper key={topic.id} withBorder p="md" radius="md">
          <Title order={4} mb="sm">
            {topic.title}
          </Title>
          <Stack gap="lg">
            {view.questions
              .filter((q) => q.topic === topic.id)
              .map((q) => (
                <Question
                  key={q.id}
                  q={q}
                  regions={view.regions}
                  answer={answers[q.id]}
                  onChange={(a) => setAnswers({ ...answers, [q.id]: a })}
                />
              ))}
          </Stack>
        </Paper>
      ))}
      <Group justify="space-between">
        <Group gap="xs">
          <FileButton onChange={(file) => file && attach.mutate(file)}>
            {(props) => (
              <Button variant="light" loading={attach.isPending} {...props}>
                {t('vendorGovernance.response.attach')}
              </Button>
            )}
          </FileButton>
          <Text size="sm" c="dimmed">
            {t('vendorGovernance.response.attached', { count: attachments })}
          </Text>
        </Group>
        <Button
          loading={submit.isPending}
          onClick={() => {
            if (window.confirm(t('vendorGovernance.response.confirm'))) submit.mutate();
          }}
        >
          {t('vendorGovernance.response.submit')}
        </Button>
      </Group>
      {attach.error ? <QueryError error={attach.error} /> : null}
      {submit.error ? <QueryError error={submit.error} /> : null}
    </Stack>
  );
}
