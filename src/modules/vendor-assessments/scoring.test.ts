import { describe, expect, it } from 'vitest';
import { loadQuestionnaires } from './load.js';
import { questionnaireTemplate, templateProblems, type QuestionnaireTemplate } from './questionnaire.js';
import { reassessMonths, scoreAssessment, type Answers } from './scoring.js';

const bi = (s: string) => ({ en: s, 'zh-HK': s });
const opt = (id: string, risk: number) => ({ id, label: bi(id), risk });

/** Weights 3, 1, 2 (+ an unscored regions question); tiers low ≥ 80, medium ≥ 60, high ≥ 40, critical. */
const template: QuestionnaireTemplate = questionnaireTemplate.parse({
  id: 'test',
  version: '1',
  title: bi('Test'),
  intro: bi('Intro'),
  topics: [{ id: 't', title: bi('Topic') }],
  scoring: {
    unansweredRisk: 1,
    tiers: [
      { tier: 'low', minScore: 80, reassessMonths: 24 },
      { tier: 'medium', minScore: 60, reassessMonths: 12 },
      { tier: 'high', minScore: 40, reassessMonths: 6 },
      { tier: 'critical', minScore: 0, reassessMonths: 3 },
    ],
  },
  questions: [
    {
      id: 'Q1',
      topic: 't',
      type: 'single',
      weight: 3,
      text: bi('Train on our data?'),
      options: [opt('no', 0), opt('opt_out', 0.5), opt('yes', 1)],
      knockout: { options: ['yes'], minimumTier: 'high' },
    },
    {
      id: 'Q2',
      topic: 't',
      type: 'multi',
      weight: 1,
      text: bi('Certificates'),
      options: [opt('iso', 0), opt('soc1', 0.3), opt('none', 1)],
    },
    { id: 'Q3', topic: 't', type: 'single', weight: 2, text: bi('Incidents'), options: [opt('24h', 0), opt('72h', 0.2), opt('never', 1)] },
    { id: 'R', topic: 't', type: 'regions', weight: 0, text: bi('Regions') },
  ],
});

const answers = (values: Record<string, string | string[]>): Answers =>
  Object.fromEntries(Object.entries(values).map(([k, value]) => [k, { value }]));

describe('scoreAssessment', () => {
  it('scores 100 and the best tier when every answer carries no risk', () => {
    expect(scoreAssessment(template, answers({ Q1: 'no', Q2: ['iso'], Q3: '24h', R: ['hong_kong'] }))).toEqual({
      score: 100,
      tier: 'low',
      scoreTier: 'low',
      knockouts: [],
      unanswered: [],
    });
  });

  it('weights each risk: 100 × (1 − (3·0.5 + 1·0 + 2·0.2) / 6) = 68.3 → medium', () => {
    const r = scoreAssessment(template, answers({ Q1: 'opt_out', Q2: ['iso'], Q3: '72h' }));
    expect(r.score).toBe(68.3);
    expect(r.tier).toBe('medium');
  });

  it('counts unanswered scored questions at unansweredRisk and lists them; unscored ones do not count', () => {
    const r = scoreAssessment(template, answers({ Q1: 'no' }));
    // (1·1 + 2·1) / 6 = 0.5 → 50
    expect(r.score).toBe(50);
    expect(r.tier).toBe('high');
    expect(r.unanswered).toEqual(['Q2', 'Q3']);
    expect(scoreAssessment(template, {}).score).toBe(0);
    expect(scoreAssessment(template, {}).tier).toBe('critical');
  });

  it('takes the unanswered risk from the template', () => {
    const lenient = { ...template, scoring: { ...template.scoring, unansweredRisk: 0.5 } };
    // (1·0.5 + 2·0.5) / 6 = 0.25 → 75
    expect(scoreAssessment(lenient, answers({ Q1: 'no' })).score).toBe(75);
  });

  it('scores a multi-choice answer by its lowest-risk option, and an empty one as unanswered', () => {
    expect(scoreAssessment(template, answers({ Q1: 'no', Q2: ['none', 'soc1'], Q3: '24h' })).score).toBe(95);
    const empty = scoreAssessment(template, answers({ Q1: 'no', Q2: [], Q3: '24h' }));
    expect(empty.score).toBe(83.3);
    expect(empty.unanswered).toEqual(['Q2']);
  });

  it('raises the tier to the knockout minimum however good the score', () => {
    const r = scoreAssessment(template, answers({ Q1: 'yes', Q2: ['iso'], Q3: '24h' }));
    // 3·1 / 6 → 50 is high by score alone; with Q1 barely weighted the score is low-risk but the knockout holds
    expect(r.score).toBe(50);
    expect(r.knockouts).toEqual([{ questionId: 'Q1', minimumTier: 'high' }]);
    const light = { ...template, questions: template.questions.map((q) => (q.id === 'Q1' ? { ...q, weight: 0.1 } : q)) };
    const k = scoreAssessment(light, answers({ Q1: 'yes', Q2: ['iso'], Q3: '24h' }));
    expect(k.score).toBe(96.8);
    expect(k.scoreTier).toBe('low');
    expect(k.tier).toBe('high');
  });

  it('never improves a worse tier through a knockout', () => {
    const r = scoreAssessment(template, answers({ Q1: 'yes', Q2: ['none'], Q3: 'never' }));
    expect(r.score).toBe(0);
    expect(r.tier).toBe('critical');
  });

  it('ignores option ids the question does not have', () => {
    expect(scoreAssessment(template, answers({ Q1: 'maybe', Q2: ['iso'], Q3: '24h' })).unanswered).toEqual(['Q1']);
  });

  it('puts a score on a tier boundary in that tier', () => {
    // exactly 80: Q3 "never" (weight 2) out of a total weight of 10
    const t = { ...template, questions: template.questions.map((q) => (q.id === 'Q1' ? { ...q, weight: 7 } : q)) };
    const r = scoreAssessment(t, answers({ Q1: 'no', Q2: ['iso'], Q3: 'never' }));
    expect(r.score).toBe(80);
    expect(r.tier).toBe('low');
  });

  it('gives the re-assessment months of each tier', () => {
    expect(['low', 'medium', 'high', 'critical'].map((tier) => reassessMonths(template, tier))).toEqual([24, 12, 6, 3]);
  });
});

describe('the bundled due-diligence questionnaire', () => {
  const dd = loadQuestionnaires().get('ai-vendor-due-diligence')!;

  it('is valid and complete', () => {
    expect(templateProblems(dd)).toEqual([]);
    expect(dd.questions.every((q) => q.text.en && q.text['zh-HK'])).toBe(true);
  });

  it('scores a model vendor low risk and one that trains on our data at least high', () => {
    const best = Object.fromEntries(
      dd.questions
        .filter((q) => q.type !== 'regions')
        .map((q) => {
          const safest = [...q.options].sort((a, b) => a.risk - b.risk)[0]!;
          return [q.id, { value: q.type === 'multi' ? [safest.id] : safest.id }];
        }),
    );
    expect(scoreAssessment(dd, best)).toMatchObject({ score: 100, tier: 'low' });
    expect(scoreAssessment(dd, { ...best, T1: { value: 'yes' } }).tier).toBe('high');
  });
});

describe('templateProblems', () => {
  it('names unknown topics, knockout options and tiers, duplicate ids and badly ordered tiers', () => {
    const broken: QuestionnaireTemplate = {
      ...template,
      scoring: {
        unansweredRisk: 1,
        tiers: [
          { tier: 'low', minScore: 50, reassessMonths: 12 },
          { tier: 'high', minScore: 60, reassessMonths: 6 },
        ],
      },
      questions: [
        { ...template.questions[0]!, topic: 'nope', knockout: { options: ['absent'], minimumTier: 'gone' } },
        { ...template.questions[0]! },
      ],
    };
    const problems = templateProblems(broken);
    expect(problems).toEqual(
      expect.arrayContaining([
        'tier high must have a lower minScore than low',
        'the last tier must start at score 0',
        'question Q1 appears twice',
        'question Q1 names an unknown topic nope',
        'question Q1 knocks out on an unknown option absent',
        'question Q1 names an unknown tier gone',
      ]),
    );
  });
});
