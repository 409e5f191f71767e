import agentPlatforms from '../../../catalogs/ai-services/agent-platforms.json' with { type: 'json' };
import chatAssistants from '../../../catalogs/ai-services/chat-assistants.json' with { type: 'json' };
import chatAssistantsChina from '../../../catalogs/ai-services/chat-assistants-china.json' with { type: 'json' };
import codeAssistants from '../../../catalogs/ai-services/code-assistants.json' with { type: 'json' };
import imageVideo from '../../../catalogs/ai-services/image-video-generation.json' with { type: 'json' };
import meetingAssistants from '../../../catalogs/ai-services/meeting-assistants.json' with { type: 'json' };
import modelApis from '../../../catalogs/ai-services/model-apis.json' with { type: 'json' };
import saasFeatures from '../../../catalogs/ai-services/saas-ai-features.json' with { type: 'json' };
import transcription from '../../../catalogs/ai-services/transcription.json' with { type: 'json' };
import translation from '../../../catalogs/ai-services/translation.json' with { type: 'json' };
import writing from '../../../catalogs/ai-services/writing.json' with { type: 'json' };
import type { CatalogueSource } from './catalogue.js';

/**
 * The bundled catalogue files (catalogs/ai-services/), imported as JSON modules so this pure library needs no file
 * system access. A test checks that every file of the folder is listed here.
 */
export const bundledAiServiceFiles: CatalogueSource[] = [
  { name: 'agent-platforms.json', raw: agentPlatforms },
  { name: 'chat-assistants.json', raw: chatAssistants },
  { name: 'chat-assistants-china.json', raw: chatAssistantsChina },
  { name: 'code-assistants.json', raw: codeAssistants },
  { name: 'image-video-generation.json', raw: imageVideo },
  { name: 'meeting-assistants.json', raw: meetingAssistants },
  { name: 'model-apis.json', raw: modelApis },
  { name: 'saas-ai-features.json', raw: saasFeatures },
  { name: 'transcription.json', raw: transcription },
  { name: 'translation.json', raw: translation },
  { name: 'writing.json', raw: writing },
];
