/** The demo's evidence library: what Harbour Point can already show an auditor, and what is about to expire. */
export interface DemoEvidence {
  title: string;
  owner: string;
  collectedOn: string;
  expiresOn?: string;
  url?: string;
  note?: string;
  file?: { name: string; content: string };
  requirements?: string[];
  /** starter-library ids of the adopted controls it supports */
  controls?: string[];
  systems?: string[];
}

export const demoEvidence: DemoEvidence[] = [
  {
    title: 'AI policy v1.0 (approved by the partners)',
    owner: 'governance',
    collectedOn: '2026-09-12',
    expiresOn: '2027-09-12',
    file: {
      name: 'harbour-point-ai-policy-v1.0.md',
      content: [
        '# Harbour Point Advisory — AI policy, version 1.0',
        '',
        'Approved by the partners on 12 September 2026. Owner: Head of Digital and AI Governance.',
        '',
        '1. Every AI system we build, buy or switch on is recorded in the AI system register before use.',
        '2. Each system has an accountable owner who answers for its risks and its impact on clients and staff.',
        '3. Client personal data is processed only where our data-residency commitments allow.',
        '4. Systems that affect clients or staff are assessed for impact before they go live, and reviewed yearly.',
        '5. Concerns about AI can be raised with the governance lead in confidence.',
        '',
      ].join('\n'),
    },
    requirements: ['5.2', 'A.2.2'],
    controls: ['SC-POL-01'],
  },
  {
    title: 'Partners meeting minutes: AI programme sponsorship',
    owner: 'owner',
    collectedOn: '2026-09-12',
    note: 'Minute 7/2026: the partners approved the AI policy, the ISO/IEC 42001 programme and its budget; the Managing Partner sponsors it.',
    requirements: ['5.1'],
  },
  {
    title: 'Azure diagnostic logging for the knowledge assistant',
    owner: 'engineer',
    collectedOn: '2026-10-20',
    expiresOn: '2026-12-20',
    url: 'https://learn.microsoft.com/azure/ai-services/openai/how-to/monitor-openai',
    note: 'Prompt and response logs kept 90 days in the Hong Kong region; export reviewed monthly.',
    controls: ['SC-MON-02'],
    systems: ['Harbour Knowledge Assistant'],
  },
];
