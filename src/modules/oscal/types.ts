import type { OscalProp } from './ids.js';

/** The slices of the OSCAL 1.1.3 JSON model that our exports write (see /work/shared/oscal for the full schemas). */
export interface OscalLink {
  href: string;
  rel?: string;
  text?: string;
}

export interface OscalPart {
  id?: string;
  name: string;
  ns?: string;
  class?: string;
  title?: string;
  prose?: string;
  props?: OscalProp[];
  parts?: OscalPart[];
}

interface ControlLike {
  id: string;
  class?: string;
  title: string;
  props?: OscalProp[];
  links?: OscalLink[];
  parts?: OscalPart[];
}
export interface OscalControl extends ControlLike {
  controls?: OscalControl[];
}
export interface OscalGroup extends ControlLike {
  groups?: OscalGroup[];
  controls?: OscalControl[];
}

export interface OscalParty {
  uuid: string;
  type: 'person' | 'organization';
  name: string;
}

export interface OscalMetadata {
  title: string;
  'last-modified': string;
  version: string;
  'oscal-version': string;
  props?: OscalProp[];
  links?: OscalLink[];
  roles?: { id: string; title: string }[];
  parties?: OscalParty[];
  'responsible-parties'?: { 'role-id': string; 'party-uuids': string[] }[];
  remarks?: string;
}

export interface OscalCatalogDocument {
  catalog: { uuid: string; metadata: OscalMetadata; groups?: OscalGroup[]; controls?: OscalControl[] };
}

export interface OscalResource {
  uuid: string;
  title?: string;
  description?: string;
  rlinks?: { href: string; 'media-type'?: string }[];
}

export interface OscalObservation {
  uuid: string;
  title?: string;
  description: string;
  props?: OscalProp[];
  methods: string[];
  types?: string[];
  'relevant-evidence'?: { href?: string; description: string; props?: OscalProp[] }[];
  collected: string;
}

export interface OscalFinding {
  uuid: string;
  title: string;
  description: string;
  props?: OscalProp[];
  target: {
    type: 'objective-id' | 'statement-id';
    'target-id': string;
    title?: string;
    status: { state: 'satisfied' | 'not-satisfied'; reason?: string; remarks?: string };
    'implementation-status'?: { state: string };
  };
  'related-observations'?: { 'observation-uuid': string }[];
}

export interface OscalAssessmentResultsDocument {
  'assessment-results': {
    uuid: string;
    metadata: OscalMetadata;
    'import-ap': { href: string; remarks?: string };
    results: {
      uuid: string;
      title: string;
      description: string;
      start: string;
      props?: OscalProp[];
      'reviewed-controls': { 'control-selections': { 'include-controls'?: { 'control-id': string }[]; 'include-all'?: object }[] };
      observations?: OscalObservation[];
      findings?: OscalFinding[];
    }[];
    'back-matter'?: { resources: OscalResource[] };
  };
}

export interface OscalRisk {
  uuid: string;
  title: string;
  description: string;
  statement: string;
  status: string;
  props?: OscalProp[];
  deadline?: string;
}

export interface OscalPoamItem {
  uuid: string;
  title: string;
  description: string;
  props?: OscalProp[];
  'related-risks'?: { 'risk-uuid': string }[];
  remarks?: string;
}

export interface OscalPoamDocument {
  'plan-of-action-and-milestones': {
    uuid: string;
    metadata: OscalMetadata;
    'system-id'?: { 'identifier-type': string; id: string };
    risks?: OscalRisk[];
    'poam-items': OscalPoamItem[];
  };
}

export type OscalDocument = OscalCatalogDocument | OscalAssessmentResultsDocument | OscalPoamDocument;
