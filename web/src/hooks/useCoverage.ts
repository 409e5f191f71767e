import { useQuery } from '@tanstack/react-query';
import { getCoverage } from '../api/coverage';

export function useCoverage(org: string, framework: string, from: string | null) {
  return useQuery({
    // under 'assessments' so that assessing a requirement refreshes what it covers
    queryKey: ['assessments', org, 'coverage', framework, from],
    queryFn: () => getCoverage(org, framework, from ?? ''),
    enabled: from !== null,
    retry: false,
  });
}
