import { useState, type ReactNode } from 'react';
import { Alert, Button, Group, List, Loader, Paper, Radio, Stack, Stepper, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import {
  derogationKeys,
  euRoles,
  prohibitedPracticeKeys,
  type EuAiActAnswers,
  type EuRole,
  type HongKongAnswers,
} from '@contracts/classification/schema.js';
import type { ClassificationState } from '@contracts/system-classifications/schema.js';
import { useEuPreview, useHongKongPreview, useSaveClassification } from '../../hooks/useClassification';
import { initialAnswers } from '../../lib/classificationAnswers';
import { formatDate } from '../../lib/dates';
import { QueryError } from '../common/QueryError';
import { AnnexIIIChecklist } from './AnnexIIIChecklist';
import { FlagGroup } from './FlagGroup';
import { HongKongPreview } from './HongKongPreview';
import { Question } from './Question';
import { ResultPreview } from './ResultPreview';
import { TierBadge } from './TierBadge';

/** Groups of yes/no answers, each an object of booleans in the contract. */
type EuFlagGroup = 'euNexus' | 'exclusions' | 'prohibitedPractices' | 'annexI' | 'derogation' | 'transparency' | 'gpai';
type HkFlagGroup = keyof HongKongAnswers;

const keysOf = <T extends object>(o: T) => Object.keys(o) as (keyof T & string)[];
const letters = 'abcdefgh';

interface Props {
  org: string;
  systemId: string;
  state: ClassificationState;
}

/** The question-by-question EU AI Act classification of one system, with the Hong Kong view and a live result. */
export function ClassificationWizard({ org, systemId, state }: Props) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [start] = useState(() => initialAnswers(state));
  const [eu, setEu] = useState<EuAiActAnswers>(start.eu);
  const [hk, setHk] = useState<HongKongAnswers>(start.hk);
  const [active, setActive] = useState(0);
  const preview = useEuPreview(eu);
  const hkPreview = useHongKongPreview(hk);
  const save = useSaveClassification(org, systemId);
  const readOnly = !state.can.classify;

  const setEuFlag = <G extends EuFlagGroup>(group: G, key: keyof EuAiActAnswers[G], value: boolean) =>
    setEu((prev) => ({ ...prev, [group]: { ...prev[group], [key]: value } }));
  const setHkFlag = <G extends HkFlagGroup>(group: G, key: keyof HongKongAnswers[G], value: boolean) =>
    setHk((prev) => ({ ...prev, [group]: { ...prev[group], [key]: value } }));
  const msg = t('classification', { returnObjects: true });

  const steps: { label: string; content: ReactNode }[] = [
    {
      label: t('classification.wizard.steps.role'),
      content: (
        <>
          <Question title={t('classification.wizard.questions.role')}>
            <Radio.Group value={eu.role ?? null} onChange={(v) => setEu((prev) => ({ ...prev, role: v as EuRole }))}>
              <Stack gap="xs">
                {euRoles.map((role) => (
                  <Radio
                    key={role}
                    value={role}
                    label={t(`classification.role.${role}`)}
                    disabled={readOnly}
                    data-testid={`role-${role}`}
                  />
                ))}
              </Stack>
            </Radio.Group>
          </Question>
          <Question title={t('classification.wizard.questions.nexus')}>
            <FlagGroup
              keys={keysOf(eu.euNexus)}
              values={eu.euNexus}
              texts={msg.nexus}
              onChange={(k, v) => setEuFlag('euNexus', k, v)}
              disabled={readOnly}
              testIdPrefix="nexus"
            />
          </Question>
        </>
      ),
    },
    {
      label: t('classification.wizard.steps.exclusions'),
      content: (
        <Question title={t('classification.wizard.questions.exclusions')}>
          <FlagGroup
            keys={keysOf(eu.exclusions)}
            values={eu.exclusions}
            texts={msg.exclusions}
            onChange={(k, v) => setEuFlag('exclusions', k, v)}
            disabled={readOnly}
            testIdPrefix="exclusion"
          />
        </Question>
      ),
    },
    {
      label: t('classification.wizard.steps.prohibited'),
      content: (
        <Question title={t('classification.wizard.questions.prohibited')}>
          <FlagGroup
            keys={prohibitedPracticeKeys}
            values={eu.prohibitedPractices}
            texts={msg.prohibited}
            reference={(k) => `Art. 5(1)(${letters[prohibitedPracticeKeys.indexOf(k)]})`}
            onChange={(k, v) => setEuFlag('prohibitedPractices', k, v)}
            disabled={readOnly}
            testIdPrefix="prohibited"
          />
        </Question>
      ),
    },
    {
      label: t('classification.wizard.steps.annexI'),
      content: (
        <Question title={t('classification.wizard.questions.annexI')}>
          <FlagGroup
            keys={keysOf(eu.annexI)}
            values={eu.annexI}
            texts={msg.annexI}
            onChange={(k, v) => setEuFlag('annexI', k, v)}
            disabled={readOnly}
            testIdPrefix="annex-i"
          />
        </Question>
      ),
    },
    {
      label: t('classification.wizard.steps.annexIII'),
      content: (
        <Question title={t('classification.wizard.questions.annexIII')}>
          <AnnexIIIChecklist
            selected={eu.annexIII}
            onChange={(codes) => setEu((prev) => ({ ...prev, annexIII: codes }))}
            disabled={readOnly}
          />
        </Question>
      ),
    },
    {
      label: t('classification.wizard.steps.derogation'),
      content: (
        <>
          <Question title={t('classification.wizard.questions.derogation')}>
            <FlagGroup
              keys={derogationKeys}
              values={eu.derogation}
              texts={msg.derogation}
              onChange={(k, v) => setEuFlag('derogation', k, v)}
              disabled={readOnly}
              testIdPrefix="derogation"
            />
          </Question>
          <Question title={t('classification.wizard.questions.profiling')}>
            <FlagGroup
              keys={['profilesNaturalPersons', 'deployerIsPublicBodyOrPublicService'] as const}
              values={eu}
              texts={msg.other}
              onChange={(k, v) => setEu((prev) => ({ ...prev, [k]: v }))}
              disabled={readOnly}
              testIdPrefix="answer"
            />
          </Question>
        </>
      ),
    },
    {
      label: t('classification.wizard.steps.transparency'),
      content: (
        <>
          <Question title={t('classification.wizard.questions.transparency')}>
            <FlagGroup
              keys={keysOf(eu.transparency)}
              values={eu.transparency}
              texts={msg.transparency}
              onChange={(k, v) => setEuFlag('transparency', k, v)}
              disabled={readOnly}
              testIdPrefix="transparency"
            />
          </Question>
          <Question title={t('classification.wizard.questions.gpai')}>
            <FlagGroup
              keys={keysOf(eu.gpai)}
              values={eu.gpai}
              texts={msg.gpai}
              onChange={(k, v) => setEuFlag('gpai', k, v)}
              disabled={readOnly}
              testIdPrefix="gpai"
            />
          </Question>
        </>
      ),
    },
    {
      label: t('classification.wizard.steps.hongKong'),
      content: (
        <>
          <Question title={t('classification.wizard.questions.pcpd')}>
            <FlagGroup
              keys={keysOf(hk.pcpd)}
              values={hk.pcpd}
              texts={msg.pcpd}
              onChange={(k, v) => setHkFlag('pcpd', k, v)}
              disabled={readOnly}
              testIdPrefix="pcpd"
            />
          </Question>
          <Question title={t('classification.wizard.questions.sfc')}>
            <FlagGroup
              keys={keysOf(hk.sfc)}
              values={hk.sfc}
              texts={msg.sfc}
              onChange={(k, v) => setHkFlag('sfc', k, v)}
              disabled={readOnly}
              testIdPrefix="sfc"
            />
          </Question>
          <Question title={t('classification.wizard.questions.hkma')}>
            <FlagGroup
              keys={keysOf(hk.hkma)}
              values={hk.hkma}
              texts={msg.hkma}
              onChange={(k, v) => setHkFlag('hkma', k, v)}
              disabled={readOnly}
              testIdPrefix="hkma"
            />
          </Question>
        </>
      ),
    },
    {
      label: t('classification.wizard.steps.review'),
      content: (
        <>
          {preview.query.isError && <QueryError error={preview.query.error} onRetry={() => void preview.query.refetch()} />}
          {preview.query.isPending && (
            <Group gap="xs">
              <Loader size="sm" />
              <Text size="sm">{t('classification.preview.loading')}</Text>
            </Group>
          )}
          {preview.query.data && <ResultPreview result={preview.query.data} pending={preview.pending} />}
          {hkPreview.data && <HongKongPreview result={hkPreview.data} />}
          {save.error && <QueryError error={save.error} />}
          {!readOnly && (
            <Group justify="flex-end">
              <Button
                onClick={() =>
                  save.mutate(
                    { eu, hk },
                    {
                      onSuccess: (saved) => {
                        const tier = saved.current?.tier ?? null;
                        notifications.show({
                          color: 'teal',
                          message: t('classification.wizard.saved', { tier: tier ? t(`classification.tier.${tier}`) : '' }),
                        });
                        void navigate(`/o/${org}/systems/${systemId}`);
                      },
                    },
                  )
                }
                loading={save.isPending}
                data-testid="classification-save"
              >
                {t('classification.wizard.save')}
              </Button>
            </Group>
          )}
        </>
      ),
    },
  ];
  const last = steps.length - 1;
  const current = state.current;

  return (
    <Stack gap="md">
      {readOnly && (
        <Alert color="gray" data-testid="classification-read-only">
          {t('classification.wizard.readOnly')}
        </Alert>
      )}
      {start.suggested && state.suggestionReasons.length > 0 && (
        <Alert
          color="blue"
          icon={<IconInfoCircle size={18} />}
          title={t('classification.wizard.suggestedTitle')}
          data-testid="classification-suggested"
        >
          <Text size="sm">{t('classification.wizard.suggestedBody')}</Text>
          <List size="sm" mt={4}>
            {state.suggestionReasons.map((r) => (
              <List.Item key={r.answer}>
                <Text span size="sm" fw={500}>
                  {r.answer}
                </Text>{' '}
                — {r.reason}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
      {current && (
        <Text size="sm" c="dimmed" data-testid="classification-from-current">
          {t('classification.wizard.fromCurrent', {
            date: formatDate(current.classifiedAt, i18n.language),
            tier: t(`classification.tier.${current.tier}`),
          })}
        </Text>
      )}
      <Group gap="xs" justify="flex-end">
        <Text size="sm" c="dimmed">
          {t('classification.wizard.liveResult')}
        </Text>
        {preview.query.data ? <TierBadge tier={preview.query.data.tier} testId="classification-live-tier" /> : <Loader size="xs" />}
      </Group>
      <Paper withBorder p="md" radius="md">
        <Stepper active={active} onStepClick={setActive} allowNextStepsSelect size="xs">
          {steps.map((step, i) => (
            <Stepper.Step key={i} label={step.label}>
              <Stack gap="lg" mt="md" data-testid={`classify-step-${i + 1}`}>
                {step.content}
              </Stack>
            </Stepper.Step>
          ))}
        </Stepper>
        <Group justify="space-between" mt="xl">
          <Button variant="default" onClick={() => setActive((a) => Math.max(0, a - 1))} disabled={active === 0}>
            {t('classification.wizard.back')}
          </Button>
          {active < last && <Button onClick={() => setActive((a) => Math.min(last, a + 1))}>{t('classification.wizard.next')}</Button>}
        </Group>
      </Paper>
    </Stack>
  );
}
