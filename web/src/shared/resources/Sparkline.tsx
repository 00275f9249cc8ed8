import { t } from '../i18n';
import { polylinePoints, sparkline, type Box } from './charts';

export interface SparkSeries {
  name: string;
  values: readonly number[];
  /** CSS modifier for the line's colour and dash pattern. */
  tone: 'availability' | 'activation' | 'goal' | 'problem';
}

/** "went from 3 to 7 over 4 ratings" — what the little picture says, for screen readers. */
export function describeTrend(name: string, values: readonly number[]): string {
  if (values.length === 0) return t('resources.trend.none', { name });
  if (values.length === 1) return t('resources.trend.one', { name, value: values[0]! });
  return t('resources.trend.many', { name, from: values[0]!, to: values[values.length - 1]!, count: values.length });
}

/** A small line chart of 0–10 ratings, oldest on the left. */
export function Sparkline({ series, width = 160, height = 44 }: { series: readonly SparkSeries[]; width?: number; height?: number }) {
  const box: Box = { x: 4, y: 4, width: width - 8, height: height - 8 };
  const label = series.map((s) => describeTrend(s.name, s.values)).join('; ');
  return (
    <svg class="spark" viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-label={t('resources.trend.label', { label })}>
      <line class="spark__base" x1={box.x} x2={box.x + box.width} y1={box.y + box.height} y2={box.y + box.height} />
      <line class="spark__mid" x1={box.x} x2={box.x + box.width} y1={box.y + box.height / 2} y2={box.y + box.height / 2} />
      {series.map((s) => {
        const pts = sparkline(s.values, box);
        const last = pts[pts.length - 1];
        return (
          <g key={s.name} class={`spark__series spark__series--${s.tone}`}>
            {pts.length > 1 ? <polyline class="spark__line" points={polylinePoints(pts)} /> : null}
            {last ? <circle class="spark__dot" cx={last.x} cy={last.y} r="3" /> : null}
          </g>
        );
      })}
    </svg>
  );
}
