/** Labels of a pod or namespace. */
export type Labels = Readonly<Record<string, string>>;

/** A Kubernetes LabelSelector (`matchLabels` and `matchExpressions`). */
export interface LabelSelector {
  readonly matchLabels?: Labels;
  readonly matchExpressions?: readonly { readonly key: string; readonly operator: string; readonly values?: readonly string[] }[];
}

/**
 * Whether `labels` satisfy `selector`, as the API server decides it: every `matchLabels` pair and
 * every expression must hold (an empty selector selects everything). `In`/`NotIn` compare values;
 * `NotIn` and `DoesNotExist` hold for a missing key.
 * @throws Error for an operator Kubernetes does not know, naming it.
 */
export function selects(selector: LabelSelector, labels: Labels): boolean {
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) if (labels[key] !== value) return false;
  for (const expression of selector.matchExpressions ?? []) {
    const present = Object.hasOwn(labels, expression.key);
    const values = expression.values ?? [];
    switch (expression.operator) {
      case 'In':
        if (!present || !values.includes(labels[expression.key])) return false;
        break;
      case 'NotIn':
        if (present && values.includes(labels[expression.key])) return false;
        break;
      case 'Exists':
        if (!present) return false;
        break;
      case 'DoesNotExist':
        if (present) return false;
        break;
      default:
        throw new Error(`label selector: unknown operator "${expression.operator}" for key "${expression.key}"; use In, NotIn, Exists or DoesNotExist`);
    }
  }
  return true;
}
