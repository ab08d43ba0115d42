import { exposedFamilies, familyOf, metricNamesIn } from './promql-metric-names';

describe('metricNamesIn', () => {
  it('finds names inside functions, aggregations and arithmetic, not the functions', () => {
    expect(
      metricNamesIn(
        'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{route!~"/metrics|/x"}[5m]))) > 0.2',
      ),
    ).toEqual(['http_request_duration_seconds_bucket']);
  });

  it('ignores label values, grouping labels, keywords, durations and Grafana variables', () => {
    expect(
      metricNamesIn(
        'sum without (instance) (rate(a_total{status_code=~"5..", job="up"}[$__rate_interval] offset 1h)) / on (queue) group_left (state) max by (queue) (b) or vector(0) unless absent(c) == bool 1e3',
      ),
    ).toEqual(['a_total', 'b', 'c']);
  });

  it('reads __name__ matchers and names with colons (recording rules)', () => {
    expect(metricNamesIn('{__name__="x_total"} + job:y:rate5m')).toEqual([
      'job:y:rate5m',
      'x_total',
    ]);
  });
});

describe('exposedFamilies / familyOf', () => {
  const exposition = [
    '# HELP h A histogram',
    '# TYPE h histogram',
    'h_bucket{le="0.1"} 1',
    'h_sum 0.1',
    'h_count 1',
    '# HELP g A gauge with no series yet',
    '# TYPE g gauge',
    '# TYPE c_total counter',
    'c_total 3',
    'bare 1',
  ].join('\n');
  const families = exposedFamilies(exposition);

  it('knows declared families, histogram series and untyped samples', () => {
    expect(familyOf('h_bucket', families)).toBe('h');
    expect(familyOf('h_count', families)).toBe('h');
    expect(familyOf('g', families)).toBe('g');
    expect(familyOf('c_total', families)).toBe('c_total');
    expect(familyOf('bare', families)).toBe('bare');
  });

  it('does not accept a suffix on a family of another type, or an unknown name', () => {
    expect(familyOf('g_count', families)).toBeUndefined();
    expect(familyOf('c_total_sum', families)).toBeUndefined();
    expect(familyOf('nope', families)).toBeUndefined();
  });
});
