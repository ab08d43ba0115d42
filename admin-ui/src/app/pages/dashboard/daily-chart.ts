import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  ElementRef,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartConfiguration,
  LinearScale,
} from 'chart.js';
import { chartColors } from './chart-colors';
import type { DailyCount } from './dashboard-api';
import { dayLabel, seriesSummary } from './dashboard-figures';

// Only what a bar chart needs, so the rest of chart.js stays out of the bundle. The Tooltip
// plugin (~18 kB) is left out: hovering a bar shows its value in the readout line instead.
Chart.register(BarController, BarElement, CategoryScale, LinearScale);

/**
 * A bar chart of a per-day series in the theme's colours (re-read when the OS switches between
 * light and dark), with a text summary and a visually hidden table as its text alternative.
 */
@Component({
  selector: 'tt-daily-chart',
  template: `
    <p class="readout" aria-hidden="true">
      @if (hovered(); as point) {
        {{ point.label }}: <strong>{{ point.count }}</strong>
      } @else {
        {{ total() }} in {{ series().length }} days
      }
    </p>
    <div class="chart-box">
      <canvas #canvas role="img" [attr.aria-label]="summary()"></canvas>
    </div>
    <table class="visually-hidden">
      <caption>
        {{
          title()
        }}
        (UTC days)
      </caption>
      <thead>
        <tr>
          <th scope="col">Day</th>
          <th scope="col">{{ valueLabel() }}</th>
        </tr>
      </thead>
      <tbody>
        @for (point of series(); track point.date) {
          <tr>
            <td>{{ point.date }}</td>
            <td>{{ point.count }}</td>
          </tr>
        }
      </tbody>
    </table>
  `,
  styles: `
    :host {
      display: block;
      position: relative;
    }
    .readout {
      margin: 0 0 4px;
      min-height: 1.5em;
      text-align: right;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .chart-box {
      position: relative;
      height: 220px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DailyChart {
  readonly series = input.required<readonly DailyCount[]>();
  /** What the series counts, e.g. "Tasks completed per day". */
  readonly title = input.required<string>();
  /** Column header of the counts in the text alternative. */
  readonly valueLabel = input('Count');
  /** The theme token the bars are drawn in. */
  readonly colorToken = input('--mat-sys-primary');

  protected readonly summary = computed(() => seriesSummary(this.title(), this.series()));
  protected readonly total = computed(() =>
    this.series().reduce((sum, point) => sum + point.count, 0),
  );
  /** The bar under the pointer. */
  protected readonly hovered = signal<{ label: string; count: number } | null>(null);
  private readonly canvas = viewChild.required<ElementRef<HTMLCanvasElement>>('canvas');
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private chart: Chart<'bar', number[], string> | null = null;

  constructor() {
    afterNextRender(() => {
      this.chart = new Chart(this.canvas().nativeElement, this.config());
    });
    effect(() => {
      const series = this.series();
      const title = this.title();
      if (!this.chart) return;
      this.chart.data.labels = series.map((point) => dayLabel(point.date));
      this.chart.data.datasets[0].data = series.map((point) => point.count);
      this.chart.data.datasets[0].label = title;
      this.chart.update();
    });
    const scheme = globalThis.matchMedia?.('(prefers-color-scheme: dark)');
    const recolour = () => this.recolour();
    scheme?.addEventListener('change', recolour);
    inject(DestroyRef).onDestroy(() => {
      scheme?.removeEventListener('change', recolour);
      this.chart?.destroy();
      this.chart = null;
    });
  }

  private config(): ChartConfiguration<'bar', number[], string> {
    const colours = chartColors(this.host.nativeElement, this.colorToken());
    const series = this.series();
    return {
      type: 'bar',
      data: {
        labels: series.map((point) => dayLabel(point.date)),
        datasets: [
          {
            label: this.title(),
            data: series.map((point) => point.count),
            backgroundColor: colours.bar,
            borderRadius: 3,
            maxBarThickness: 18,
          },
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        onHover: (_event, elements) => {
          const index = elements[0]?.index;
          const point = index === undefined ? undefined : this.series()[index];
          this.hovered.set(point ? { label: dayLabel(point.date), count: point.count } : null);
        },
        scales: {
          x: {
            grid: { display: false },
            ticks: { color: colours.text, maxRotation: 0, autoSkip: true, maxTicksLimit: 8 },
          },
          y: {
            beginAtZero: true,
            suggestedMax: 4,
            ticks: { color: colours.text, precision: 0 },
            grid: { color: colours.grid },
            border: { display: false },
          },
        },
      },
    };
  }

  /** Re-reads the theme colours (the OS switched light/dark) and redraws. */
  private recolour(): void {
    const chart = this.chart;
    if (!chart) return;
    const colours = chartColors(this.host.nativeElement, this.colorToken());
    chart.data.datasets[0].backgroundColor = colours.bar;
    const { x, y } = chart.options.scales ?? {};
    if (x?.ticks) x.ticks.color = colours.text;
    if (y?.ticks) y.ticks.color = colours.text;
    if (y?.grid) y.grid.color = colours.grid;
    chart.update();
  }
}
