import { useFramework } from './useFrameworks';
import { useLanguage } from './useLanguage';

const ISO_42001 = 'iso-iec-42001-2023';

/** ISO/IEC 42001 Annex C risk sources and organisational objectives as Select options ("C.3.3 Title"). */
export function useAnnexCOptions(): {
  riskSources: { value: string; label: string }[];
  objectives: { value: string; label: string }[];
  titleOf: (id: string | null) => string | null;
} {
  const { language } = useLanguage();
  const pack = useFramework(ISO_42001);
  const requirements = pack.data?.requirements ?? [];
  const option = (r: (typeof requirements)[number]) => ({
    value: r.id,
    label: `${r.id} ${language === 'zh-HK' ? r.title['zh-HK'] : r.title.en}`,
  });
  return {
    riskSources: requirements.filter((r) => r.kind === 'risk_source').map(option),
    objectives: requirements.filter((r) => r.kind === 'organizational_objective').map(option),
    titleOf: (id) => {
      const r = id ? requirements.find((x) => x.id === id) : undefined;
      return r ? option(r).label : id;
    },
  };
}
