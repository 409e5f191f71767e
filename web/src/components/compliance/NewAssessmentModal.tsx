import { useState } from 'react';
import { Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useCreateAssessment } from '../../hooks/useAssessments';
import { useFrameworkList } from '../../hooks/useFrameworks';
import { useServerErrors } from '../../hooks/useServerErrors';
import { useSystemList } from '../../hooks/useSystems';
import { FormErrorAlert } from '../common/FormErrorAlert';
import { pick } from '../frameworks/labels';

const fields = ['framework', 'systemId', 'title'] as const;

/** Start an assessment: a framework from the catalogue, optionally for one AI system. */
export function NewAssessmentModal({ org, opened, onClose }: { org: string; opened: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const frameworks = useFrameworkList();
  const systems = useSystemList(org, { limit: 200, sort: 'name', order: 'asc' });
  const create = useCreateAssessment(org);
  const [framework, setFramework] = useState<string | null>(null);
  const [systemId, setSystemId] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const server = useServerErrors(fields, setErrors);

  const submit = async () => {
    if (!framework) {
      setErrors({ framework: t('validation.required') });
      return;
    }
    setErrors({});
    const created = await server.run(() =>
      create.mutateAsync({ framework, ...(systemId ? { systemId } : {}), ...(title.trim() ? { title: title.trim() } : {}) }),
    );
    if (!created) return;
    notifications.show({ color: 'teal', message: t('compliance.assessments.created') });
    onClose();
    void navigate(`/o/${org}/assessments/${created.id}`);
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('compliance.assessments.new')} centered data-testid="new-assessment-modal">
      <Stack>
        <Select
          label={t('compliance.assessments.frameworkLabel')}
          data={(frameworks.data?.items ?? []).map((f) => ({ value: f.id, label: pick(f.title, i18n.language) }))}
          value={framework}
          onChange={setFramework}
          searchable
          required
          error={errors.framework}
          data-testid="new-assessment-framework"
        />
        <Select
          label={t('compliance.assessments.systemLabel')}
          description={t('compliance.assessments.systemHint')}
          data={(systems.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
          value={systemId}
          onChange={setSystemId}
          searchable
          clearable
          error={errors.systemId}
          data-testid="new-assessment-system"
        />
        <TextInput
          label={t('compliance.assessments.titleLabel')}
          description={t('compliance.assessments.titleHint')}
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          error={errors.title}
          maxLength={200}
          data-testid="new-assessment-title"
        />
        <FormErrorAlert error={server.error} otherIssues={server.otherIssues} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button loading={create.isPending} onClick={() => void submit()} data-testid="new-assessment-submit">
            {t('compliance.assessments.create')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
