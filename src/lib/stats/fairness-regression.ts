/**
 * Per-group error of a regression model: MAE, RMSE and R² (scikit-learn's definitions, weighted when sample weights
 * are given). R² with constant true values (zero total sum of squares) is null with a reason, where scikit-learn
 * would return 1.0 or 0.0.
 */
export interface RegressionInput {
  yTrue: Float64Array;
  yPred: Float64Array;
  group: Uint32Array;
  groupNames: readonly string[];
  weights?: Float64Array;
}

export interface RegressionMetrics {
  count: number;
  weight: number;
  mae: number | null;
  rmse: number | null;
  r2: number | null;
  undefinedReasons: Partial<Record<'mae' | 'rmse' | 'r2', string>>;
  small: boolean;
}

export interface RegressionResult {
  groupNames: string[];
  groups: Record<string, RegressionMetrics>;
  overall: RegressionMetrics;
}

export function regressionByGroup(input: RegressionInput, options: { minGroupSize?: number } = {}): RegressionResult {
  const { yTrue, yPred, group, groupNames, weights } = input;
  const n = yTrue.length;
  if (yPred.length !== n || group.length !== n || (weights && weights.length !== n)) {
    throw new RangeError('yTrue, yPred, group and weights must have the same length');
  }
  const minGroupSize = options.minGroupSize ?? 30;
  const G = groupNames.length + 1; // the last slot is "overall"
  const count = new Float64Array(G);
  const sw = new Float64Array(G);
  const swy = new Float64Array(G);
  const sAbs = new Float64Array(G);
  const sSq = new Float64Array(G);
  for (let i = 0; i < n; i++) {
    const w = weights ? weights[i]! : 1;
    if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`sample weight at row ${i} must be finite and ≥ 0, got ${w}`);
    if (group[i]! >= G - 1) throw new RangeError(`group index ${group[i]} at row ${i} has no name`);
    const e = yTrue[i]! - yPred[i]!;
    for (const g of [group[i]!, G - 1]) {
      count[g]! += 1;
      sw[g]! += w;
      swy[g]! += w * yTrue[i]!;
      sAbs[g]! += w * Math.abs(e);
      sSq[g]! += w * e * e;
    }
  }
  // Second pass: total sum of squares around each group's weighted mean (two passes for accuracy).
  const sTot = new Float64Array(G);
  for (let i = 0; i < n; i++) {
    const w = weights ? weights[i]! : 1;
    for (const g of [group[i]!, G - 1]) {
      const d = yTrue[i]! - swy[g]! / sw[g]!;
      sTot[g]! += w * d * d;
    }
  }
  const metrics = (g: number): RegressionMetrics => {
    const reasons: RegressionMetrics['undefinedReasons'] = {};
    const noWeight = 'no rows (or zero total weight)';
    const has = sw[g]! > 0;
    if (!has) reasons.mae = reasons.rmse = reasons.r2 = noWeight;
    else if (!(sTot[g]! > 0)) reasons.r2 = 'true values are constant (total sum of squares = 0)';
    return {
      count: count[g]!,
      weight: sw[g]!,
      mae: has ? sAbs[g]! / sw[g]! : null,
      rmse: has ? Math.sqrt(sSq[g]! / sw[g]!) : null,
      r2: has && sTot[g]! > 0 ? 1 - sSq[g]! / sTot[g]! : null,
      undefinedReasons: reasons,
      small: count[g]! < minGroupSize,
    };
  };
  const order = groupNames.map((name, g) => ({ name, g })).filter(({ g }) => count[g]! > 0);
  order.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {
    groupNames: order.map((o) => o.name),
    groups: Object.fromEntries(order.map(({ name, g }) => [name, metrics(g)])),
    overall: metrics(G - 1),
  };
}
