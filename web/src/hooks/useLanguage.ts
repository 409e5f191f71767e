import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGE_KEY, isLanguage, type Language } from '../i18n';

/** The UI language and a setter that remembers the choice in localStorage. */
export function useLanguage(): { language: Language; setLanguage: (language: Language) => void } {
  const { i18n } = useTranslation();
  const language: Language = isLanguage(i18n.language) ? i18n.language : 'en';
  const setLanguage = useCallback(
    (next: Language) => {
      try {
        window.localStorage.setItem(LANGUAGE_KEY, next);
      } catch {
        // private browsing: the choice lasts for this page only
      }
      void i18n.changeLanguage(next);
    },
    [i18n],
  );
  return { language, setLanguage };
}
