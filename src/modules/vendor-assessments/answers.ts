import type { FieldIssue } from '../../server/errors.js';
import { regionLabels, residencyRegions } from '../residency/regions.js';
import type { AssessmentLanguage, QuestionnaireTemplate } from './questionnaire.js';
import type { Answer, Answers } from './scoring.js';

/** What the `answers` column holds: the answers by question id and the evidence items the vendor attached. */
export interface StoredAnswers {
  values: Answers;
  attachments: string[];
}

export function readStored(json: unknown): StoredAnswers {
  const v = (json ?? {}) as Partial<StoredAnswers>;
  return { values: v.values ?? {}, attachments: v.attachments ?? [] };
}

const regionSet = new Set<string>(residencyRegions);

/** Answers that fit the questionnaire: known questions, existing options, one value for single, lists for the rest. */
export function answerIssues(template: QuestionnaireTemplate, answers: Answers): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const byId = new Map(template.questions.map((q) => [q.id, q]));
  for (const [id, answer] of Object.entries(answers)) {
    const path = `answers.${id}.value`;
    const q = byId.get(id);
    if (!q) {
      issues.push({ path: `answers.${id}`, message: `There is no question "${id}"` });
      continue;
    }
    const many = Array.isArray(answer.value);
    if (q.type === 'single' && many) issues.push({ path, message: 'Choose one option' });
    if (q.type !== 'single' && !many) issues.push({ path, message: 'Give a list' });
    const values = many ? (answer.value as string[]) : [answer.value as string];
    if (new Set(values).size !== values.length) issues.push({ path, message: 'An option is chosen twice' });
    const valid = q.type === 'regions' ? regionSet : new Set(q.options.map((o) => o.id));
    const unknown = values.filter((v) => !valid.has(v));
    if (unknown.length)
      issues.push({
        path,
        message: q.type === 'regions' ? `Unknown region code: ${unknown.join(', ')}` : `Not an option of ${id}: ${unknown.join(', ')}`,
      });
  }
  return issues;
}

/** Answers as stored: comments trimmed to null. */
export function normaliseAnswers(answers: Record<string, { value: string | string[]; comment?: string | null | undefined }>): Answers {
  return Object.fromEntries(
    Object.entries(answers).map(([id, a]): [string, Answer] => [id, { value: a.value, comment: a.comment || null }]),
  );
}

/** A readable record of the answers in the questionnaire's language, kept as the evidence note. */
export function renderAnswers(template: QuestionnaireTemplate, answers: Answers, lang: AssessmentLanguage): string {
  const none = lang === 'en' ? '(no answer)' : '（未作答）';
  const lines = [`${template.title[lang]} (${template.id} ${template.version})`, ''];
  for (const topic of template.topics) {
    const qs = template.questions.filter((q) => q.topic === topic.id);
    if (!qs.length) continue;
    lines.push(`## ${topic.title[lang]}`);
    for (const q of qs) {
      const a = answers[q.id];
      const values = a ? (Array.isArray(a.value) ? a.value : [a.value]) : [];
      const labels = values.map((v) =>
        q.type === 'regions'
          ? (regionLabels[v as keyof typeof regionLabels]?.[lang] ?? v)
          : (q.options.find((o) => o.id === v)?.label[lang] ?? v),
      );
      lines.push(`${q.id}. ${q.text[lang]}`, `   → ${labels.length ? labels.join('; ') : none}`);
      if (a?.comment) lines.push(`   ${a.comment}`);
    }
    lines.push('');
  }
  return lines.join('\n').trimEnd();
}
