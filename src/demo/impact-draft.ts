import type { UpdateImpactInput } from '../modules/impact/schema.js';

/** The knowledge assistant's first impact assessment, as far as Alan Kwok got before the gap assessment found it. */
export const knowledgeAssistantImpactDraft: NonNullable<UpdateImpactInput['content']> = {
  system: {
    description:
      'Retrieval-augmented assistant over past engagement files, precedents and internal policies (GPT-4o through Azure OpenAI).',
    intendedUse: 'Advisers ask questions and get answers with links to the source documents; they check every answer before using it.',
    deploymentContext: 'Internal only, Hong Kong region of Microsoft Azure; about 140 advisers.',
  },
  misuse: {
    description: 'Pasting answers into client deliverables without checking the sources; asking about clients the adviser does not serve.',
  },
  affected: {
    groups: [
      { name: 'Advisers', description: 'Rely on the answers in their work.', vulnerable: false },
      { name: 'Clients named in engagement files', description: 'Their data is retrieved and summarised.', vulnerable: false },
    ],
  },
  benefits: { description: 'Faster research; precedents found that advisers would otherwise miss.' },
  harms: {
    privacy: {
      description: 'Client personal and financial data may surface to advisers outside the engagement team.',
      severity: 4,
      likelihood: 3,
    },
    fairness: { description: 'Not yet assessed.' },
  },
  dataProtection: {
    DPP3: {
      how: 'Engagement files were collected to serve the client; using them for internal research needs a check against the original purpose.',
      gaps: 'No purpose assessment yet.',
    },
    DPP4: {
      how: 'Azure access controls; no per-engagement filtering in retrieval yet.',
      gaps: 'Retrieval ignores engagement access rights.',
    },
  },
};
