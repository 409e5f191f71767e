import type { TFunction } from 'i18next';
import type { AlertComparator, AlertMetric, AlertView } from '@contracts/alerts/schema.js';

/** "Error rate above 0.05" in the current language; a fairness rule names its figure. */
export function conditionText(
  t: TFunction,
  metric: AlertMetric,
  metricKey: string | null,
  comparator: AlertComparator,
  threshold: number,
): string {
  const what =
    metric === 'fairness_metric' && metricKey
      ? t(`alerts.figure.${metricKey.replace('.', '_')}` as 'alerts.figure.demographicParity_ratio')
      : t(`alerts.metric.${metric}`);
  return `${what} ${t(`alerts.comparator.${comparator}`)} ${formatFigure(threshold)}`;
}

/** Figures to four decimals at most, without trailing zeros. */
export const formatFigure = (v: number): string => String(Math.round(v * 10_000) / 10_000);

/** The comparator the rule had when the alert fired, as its evidence recorded it. */
export function firedComparator(a: AlertView): AlertComparator {
  const rule = a.evidence.rule as { comparator?: unknown } | undefined;
  return rule?.comparator === 'below' ? 'below' : 'above';
}
