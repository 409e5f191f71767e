import { useEffect, useState } from 'react';
import { Alert, Button, Center, FileButton, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { attachVendorFile, readVendorLink, submitVendorLink } from '../../api/vendorGovernance';
import { FullPageLoader } from '../../components/common/FullPageLoader';
import { QueryError } from '../../components/common/QueryError';
import { QuestionField, type Answers } from '../../components/vendor-governance/QuestionField';
import { formatDateTime } from '../../lib/dates';

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
                <QuestionField
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
