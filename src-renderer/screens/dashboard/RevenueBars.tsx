/**
 * The bars of the revenue chart, drawn by Chart.js on a canvas (loaded only when the dashboard
 * shows; see docs/adr/0009-charts.md). Only the parts used are registered. The canvas is an image
 * whose label carries every figure; the table beside it in RevenueChart says the same.
 */
import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip, type ChartOptions } from 'chart.js';
import { Bar } from 'react-chartjs-2';
import { formatMoney } from '../../format.js';
import { axisMoney, axisMonthLabel, localeOf, monthLabel, prefersReducedMotion } from './chart-format.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

export type RevenueBarsProps = { months: readonly { month: string; net: number }[]; currency: string; language: string; label: string };

/** A colour of the stylesheet (`--brand`), so the chart follows the app's palette. */
function cssColor(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

export default function RevenueBars({ months, currency, language, label }: RevenueBarsProps) {
  const ink = cssColor('--ink', '#1d2430');
  const options: ChartOptions<'bar'> = {
    locale: localeOf(language),
    responsive: true,
    maintainAspectRatio: false,
    animation: prefersReducedMotion() ? false : { duration: 250 },
    // The whole column answers the pointer, so a month with a small bar shows its figure too.
    interaction: { mode: 'index', intersect: false },
    plugins: {
      legend: { display: false },
      tooltip: {
        callbacks: {
          title: (items) => monthLabel(months[items[0]?.dataIndex ?? 0]?.month ?? '', language, 'long'),
          label: (item) => formatMoney(months[item.dataIndex]?.net ?? 0, currency, language),
        },
      },
    },
    scales: {
      x: { grid: { display: false }, ticks: { color: ink, font: { size: 13 }, maxRotation: 0, autoSkip: false } },
      y: { beginAtZero: true, grid: { color: cssColor('--line', '#d8dde6') }, ticks: { color: ink, font: { size: 13 }, maxTicksLimit: 6, callback: (value) => axisMoney(Number(value), currency, language) } },
    },
  };
  const data = {
    labels: months.map((m, i) => axisMonthLabel(m.month, i === 0, language)),
    datasets: [{ data: months.map((m) => m.net), backgroundColor: cssColor('--brand', '#1f5fae'), borderRadius: 3, maxBarThickness: 48 }],
  };
  return <Bar role="img" aria-label={label} options={options} data={data} />;
}
