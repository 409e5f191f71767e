import type { ControlStatus } from '../modules/controls/schema.js';
import type { ItemStatus } from '../modules/assessments/schema.js';

/**
 * The demo's ISO/IEC 42001 gap assessment, about a third done: Harbour Point has an approved AI policy and has begun
 * its inventory, but its three CRM AI vendors have made no data-residency commitment and the in-house knowledge
 * assistant runs without an impact assessment. Controls come from the starter library; users and systems are the
 * keys of harbour-point.ts.
 */
export interface DemoControl {
  suggestion: string;
  status: ControlStatus;
  owner: string;
  /** system names the control is applied to (none: organisation-wide) */
  systems?: string[];
}

export const demoControls: DemoControl[] = [
  { suggestion: 'SC-POL-01', status: 'implemented', owner: 'governance' },
  { suggestion: 'SC-POL-04', status: 'in_progress', owner: 'governance' },
  { suggestion: 'SC-ROLE-01', status: 'in_progress', owner: 'governance' },
  { suggestion: 'SC-INV-01', status: 'in_progress', owner: 'governance' },
  { suggestion: 'SC-IMP-01', status: 'planned', owner: 'governance' },
  { suggestion: 'SC-IMP-02', status: 'planned', owner: 'knowledge', systems: ['Harbour Knowledge Assistant'] },
  {
    suggestion: 'SC-VEND-01',
    status: 'planned',
    owner: 'sales',
    systems: ['CRM lead scoring (LeadLoom AI)', 'CRM e-mail drafting (DraftWise)', 'CRM call transcription and summaries (CallSense)'],
  },
  {
    suggestion: 'SC-VEND-02',
    status: 'not_implemented',
    owner: 'sales',
    systems: ['CRM lead scoring (LeadLoom AI)', 'CRM e-mail drafting (DraftWise)', 'CRM call transcription and summaries (CallSense)'],
  },
  { suggestion: 'SC-MON-02', status: 'implemented', owner: 'engineer', systems: ['Harbour Knowledge Assistant'] },
  { suggestion: 'SC-INC-01', status: 'in_progress', owner: 'admin' },
];

export interface DemoFinding {
  requirement: string;
  /** omitted: the status the controls give it */
  status?: ItemStatus;
  maturity?: number;
  owner?: string;
  dueDate?: string;
  notes?: string;
  gapDescription?: string;
  /** raise a remediation action from this gap */
  action?: string;
}

export const demoFindings: DemoFinding[] = [
  {
    requirement: '4.1',
    status: 'met',
    maturity: 3,
    owner: 'governance',
    notes: 'Context paper approved by the partners in September 2026.',
  },
  {
    requirement: '4.2',
    status: 'partially_met',
    maturity: 2,
    owner: 'governance',
    gapDescription: 'Clients and regulators are listed; staff, vendors and the PCPD expectations are not yet analysed.',
  },
  {
    requirement: '4.3',
    status: 'partially_met',
    maturity: 1,
    owner: 'governance',
    dueDate: '2027-01-31',
    gapDescription: 'The scope statement is drafted but cannot be fixed until the inventory is complete.',
  },
  { requirement: '5.1', status: 'met', maturity: 3, owner: 'owner', notes: 'Managing Partner sponsors the programme; budget approved.' },
  { requirement: '5.2', maturity: 3, owner: 'governance', notes: 'AI policy v1.0 approved on 12 September 2026.' },
  {
    requirement: 'A.4.2',
    maturity: 1,
    owner: 'governance',
    dueDate: '2027-01-15',
    gapDescription:
      'The AI system register was started in November 2026: nine systems are recorded, several without an owner, and no discovery of unregistered AI use has been run.',
    action: 'Complete the AI inventory: run shadow-AI discovery and give every system an accountable owner',
  },
  {
    requirement: '6.1.4',
    status: 'gap',
    maturity: 0,
    owner: 'governance',
    dueDate: '2027-02-28',
    gapDescription: 'There is no AI system impact assessment process.',
  },
  {
    requirement: 'A.5.3',
    maturity: 0,
    owner: 'knowledge',
    dueDate: '2027-01-31',
    gapDescription:
      'The Harbour Knowledge Assistant has answered advisers from client files in production since 2026 without any AI system impact assessment.',
    action: 'Carry out and record an impact assessment of the Harbour Knowledge Assistant',
  },
  {
    requirement: 'A.10.3',
    maturity: 1,
    owner: 'sales',
    dueDate: '2027-01-31',
    gapDescription:
      'None of the three CRM AI vendors (LeadLoom AI, DraftWise, CallSense) has committed to where client personal data is processed; their contracts predate the AI features.',
    action: 'Obtain written data-residency commitments from LeadLoom AI, DraftWise and CallSense',
  },
  {
    requirement: 'A.10.2',
    maturity: 1,
    owner: 'sales',
    gapDescription: 'The CRM contracts do not allocate responsibility for the AI features between Harbour Point and the vendors.',
  },
];
