import { useMemo, useState } from 'react';
import { Alert, Button, Center, Group, Loader, Modal, Paper, Stack, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { AssessmentView, QuestionnaireList } from '@contracts/vendor-assessments/schema.js';
import { useQuestionnaires, useResidencyPolicy, useUpdateAssessment } from '../../hooks/useVendorGovernance';
import { toLocale } from '../../i18n/labels';
import { QueryError } from '../common/QueryError';
import { QuestionField, type Answers, type LocalizedQuestion } from './QuestionField';

type Template = QuestionnaireList['items'][number];

/** The questionnaire's questions in one language, in the shape the vendor's page shows them. */
function localize(template: Template, lang: 'en' | 'zh-HK'): { topics: { id: string; title: string }[]; questions: LocalizedQuestion[] } {
  return {
    topics: template.topics.map((topic) => ({ id: topic.id, title: topic.title[lang] })),
    questions: template.questions.map((q) => ({
      id: q.id,
      topic: q.topic,
      type: q.type,
      weight: q.weight,
      text: q.text[lang],
      help: q.help?.[lang] ?? null,
      evidenceRequested: q.evidenceRequested?.[lang] ?? null,
      options: q.options.map((o) => ({ id: o.id, label: o.label[lang] })),
    })),
  };
}

/** The assessor fills in or corrects the answers of a draft or submitted questionnaire, with the vendor's question form. */
export function AnswersEditorModal({ org, assessment, onClose }: { org: string; assessment: AssessmentView; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = toLocale(i18n.language);
  const questionnaires = useQuestionnaires(org);
  const update = useUpdateAssessment(org);
  const [answers, setAnswers] = useState<Answers>(assessment.answers);
  const template = questionnaires.data?.items.find((q) => q.id === assessment.templateId);
  const view = useMemo(() => (template ? localize(template, lang) : null), [template, lang]);
  // the region codes and labels come with the residency policy, which every reader of vendors may see
  const policy = useResidencyPolicy(org);
  const regions = (policy.data?.regions ?? []).map((r) => ({ code: r.code, label: r.label[lang] }));

  const save = () =>
    update.mutate(
      { id: assessment.id, body: { answers, version: assessment.version } },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('vendorGovernance.assessments.answersSaved') });
          onClose();
        },
      },
    );

  return (
    <Modal opened onClose={onClose} size="xl" title={t('vendorGovernance.assessments.editAnswersTitle')}>
      {questionnaires.isPending || policy.isPending ? (
        <Center py="xl">
          <Loader />
        </Center>
      ) : questionnaires.error || policy.error ? (
        <QueryError error={questionnaires.error ?? policy.error} />
      ) : !view ? (
        <Alert color="gray">{t('vendorGovernance.assessments.templateMissing')}</Alert>
      ) : (
        <Stack gap="lg" data-testid="answers-editor">
          {assessment.status === 'submitted' && <Alert color="blue">{t('vendorGovernance.assessments.correctingNotice')}</Alert>}
          {view.topics.map((topic) => (
            <Paper key={topic.id} withBorder p="md" radius="md">
              <Title order={5} mb="sm">
                {topic.title}
              </Title>
              <Stack gap="lg">
                {view.questions
                  .filter((q) => q.topic === topic.id)
                  .map((q) => (
                    <QuestionField
                      key={q.id}
                      q={q}
                      regions={regions}
                      answer={answers[q.id]}
                      onChange={(a) => setAnswers((all) => ({ ...all, [q.id]: a }))}
                    />
                  ))}
              </Stack>
            </Paper>
          ))}
          {update.error ? <QueryError error={update.error} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button loading={update.isPending} onClick={save} data-testid="answers-save">
              {t('vendorGovernance.assessments.saveAnswers')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
