import { parser } from '@prometheus-io/lezer-promql';

/** One series selector of a PromQL expression: the metric name and the labels it matches on. */
export interface Selector {
  metric: string;
  labels: string[];
}

export interface ParsedQuery {
  /** Offsets where the Prometheus grammar found a syntax error (empty when the query parses). */
  errors: number[];
  selectors: Selector[];
  /** Labels named in `by (…)`, `without (…)`, `on (…)` and `ignoring (…)`. */
  grouping: string[];
}

/** Parses with Prometheus' own lezer grammar (@prometheus-io/lezer-promql) and collects what the checks compare with the code. */
export function parsePromql(query: string): ParsedQuery {
  const text = (from: number, to: number) => query.slice(from, to);
  const out: ParsedQuery = { errors: [], selectors: [], grouping: [] };
  const cursor = parser.parse(query).cursor();
  do {
    const node = cursor.node;
    if (cursor.type.isError) out.errors.push(cursor.from);
    else if (cursor.name === 'VectorSelector') {
      const id = node.getChild('Identifier');
      const labels = (node.getChild('LabelMatchers')?.getChildren('UnquotedLabelMatcher') ?? []).flatMap((m) => {
        const name = m.getChild('LabelName');
        return name === null ? [] : [text(name.from, name.to)];
      });
      if (id !== null) out.selectors.push({ metric: text(id.from, id.to), labels });
    } else if (cursor.name === 'GroupingLabels') {
      for (const l of node.getChildren('LabelName')) out.grouping.push(text(l.from, l.to));
    }
  } while (cursor.next());
  return out;
}
