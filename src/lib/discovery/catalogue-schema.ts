import { z } from 'zod';

/** The fixed list of service categories; a catalogue entry must use one of them. */
export const aiServiceCategories = [
  'chat_assistant',
  'code_assistant',
  'image_video_generation',
  'transcription',
  'translation',
  'writing',
  'meeting_assistant',
  'agent_platform',
  'model_api',
  'saas_ai_feature',
] as const;
export type AiServiceCategory = (typeof aiServiceCategories)[number];

const name = z.string().trim().min(1).max(200);

/** One AI service as the bundled catalogue (catalogs/ai-services/*.json) and an organisation's own entries describe it. */
export const aiServiceEntry = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,79}$/, 'lowercase letters, digits and hyphens'),
  provider: name,
  product: name,
  category: z.enum(aiServiceCategories),
  /** registrable domains or specific host names; a host matches its own domain and every subdomain */
  domains: z.array(z.string().min(1).max(253)).max(100),
  /** domains another entry may claim too (e.g. one host serving two products); everything else is exclusive */
  sharedDomains: z.array(z.string().min(1).max(253)).max(20).default([]),
  /** the entry is a model API on a generic cloud domain (googleapis.com …), which it may then list */
  modelApi: z.boolean().default(false),
  /** names the application shows in identity-provider consent and sign-in logs */
  oauthAppNames: z.array(name).max(30),
  /** how a charge shows on a card statement, e.g. "OPENAI *CHATGPT SUBSCR" */
  merchantNames: z.array(name).max(30),
  providerCountry: z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 code'),
  dataUseNote: z.string().trim().min(1).max(400),
  termsUrl: z.url().nullable(),
});
export type AiServiceEntryInput = z.input<typeof aiServiceEntry>;
export type AiServiceEntry = z.output<typeof aiServiceEntry>;

/** One catalogue file: a group of entries (by convention all of one category). */
export const aiServiceFile = z.strictObject({
  description: z.string().optional(),
  services: z.array(aiServiceEntry),
});
