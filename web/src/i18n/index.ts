import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { zhHK } from './zh-HK';

export const languages = ['en', 'zh-HK'] as const;
export type Language = (typeof languages)[number];
export const LANGUAGE_KEY = 'openaims.language';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

export function storedLanguage(): Language | null {
  try {
    const value = window.localStorage.getItem(LANGUAGE_KEY);
    return isLanguage(value) ? value : null;
  } catch {
    return null;
  }
}

function initialLanguage(): Language {
  const stored = storedLanguage();
  if (stored) return stored;
  const browser = navigator.languages.find((l) => /^zh-(hk|tw|mo|hant)/i.test(l) || /^en/i.test(l));
  return browser && /^zh/i.test(browser) ? 'zh-HK' : 'en';
}

/** Keeps `<html lang>` in step with the UI language (screen readers, fonts, hyphenation). */
function applyDocumentLanguage(lng: string): void {
  document.documentElement.lang = isLanguage(lng) ? lng : 'en';
}

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, 'zh-HK': { translation: zhHK } },
  lng: initialLanguage(),
  fallbackLng: 'en',
  supportedLngs: [...languages],
  interpolation: { escapeValue: false },
  returnNull: false,
});
applyDocumentLanguage(i18n.language);
i18n.on('languageChanged', applyDocumentLanguage);

export default i18n;
