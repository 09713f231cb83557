import { section, target, type Section } from '../result';

/** Target of the brief: ten times the services may cost at most ten times the time. */
export const growthTargets = { maxFactor: 10 };

/**
 * Measurement 4: how time grows from `from` to `to` services, for synth and for the gate, from the
 * medians the scale and gate measurements took.
 */
export function growthSection(synth: Map<number, number>, gate: Map<number, number>, from: number, to: number): Section {
  const result = section('growth', `4. Growth: time(${to}) / time(${from})`);
  for (const [name, medians] of [['synth', synth], ['gate (npm run check)', gate]] as const) {
    const small = medians.get(from);
    const large = medians.get(to);
    if (small === undefined || large === undefined) {
      result.notes.push(`${name}: not measured at both ${from} and ${to} services.`);
      continue;
    }
    const factor = Math.round((large / small) * 1000) / 1000;
    result.ratios.push({ name: `${name} ${to} / ${from} services`, value: factor });
    result.targets.push(target(`${name} growth ${from} → ${to} services`, factor, growthTargets.maxFactor, '×'));
  }
  return result;
}
