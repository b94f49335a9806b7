// /dev/apps/<appid>/stats: opens a day over the last 7, 30 or 90 days, as an inline SVG bar
// chart (opens, and inside each bar the people who opened it that day).

import type { RefObject } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { errorMessage } from "../../i18n/errors";
import { lang } from "../../i18n/store";
import { t } from "../../i18n/t";
import { ErrorState, LoadingState } from "../../ui/States";
import { dailyOpens, type DayOpens } from "./api";
import { Frame } from "./Console";
import { Panel } from "./parts";
import { useApp } from "./useApp";
import { useLoad } from "./useLoad";

const RANGES = [7, 30, 90] as const;
type Range = (typeof RANGES)[number];

const DEFAULT_WIDTH = 720;
const HEIGHT = 240;
const LEFT = 40;
const RIGHT = 8;
const TOP = 12;
const BOTTOM = 28;

/** 1, 2, 5, 10, 20, 50, ...: the smallest at or above `value`, so the axis reads in round numbers. */
function niceCeiling(value: number): number {
  if (value <= 4) return 4;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) {
    if (step * power >= value) return step * power;
  }
  return 10 * power;
}

function dayLabel(day: string): string {
  const [year, month, date] = day.split("-").map(Number);
  if (!year || !month || !date) return day;
  return new Intl.DateTimeFormat(lang.value, { month: "numeric", day: "numeric", timeZone: "UTC" }).format(
    new Date(Date.UTC(year, month - 1, date)),
  );
}

/** The chart is drawn at its box's own width, so its labels keep their size on a phone. */
function useWidth(): [RefObject<HTMLDivElement | null>, number] {
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(DEFAULT_WIDTH);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry && entry.contentRect.width > 0) setWidth(Math.round(entry.contentRect.width));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [box, width];
}

export function OpensChart({ days }: { days: DayOpens[] }) {
  const [box, width] = useWidth();
  const top = niceCeiling(Math.max(0, ...days.map((day) => day.opens)));
  const plotWidth = width - LEFT - RIGHT;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const slot = plotWidth / Math.max(1, days.length);
  const barWidth = Math.max(2, slot * 0.68);
  const labelEvery = Math.max(1, Math.ceil(days.length / Math.max(2, Math.floor(plotWidth / 64))));
  const y = (value: number) => TOP + plotHeight - (value / top) * plotHeight;
  const ticks = [0, top / 4, top / 2, (3 * top) / 4, top];

  return (
    <div ref={box} class="cchart-box">
    <svg
      class="cchart"
      viewBox={`0 0 ${width} ${HEIGHT}`}
      role="img"
      aria-label={t("console.stats.chart_label", { days: days.length })}
      data-testid="opens-chart"
    >
      {ticks.map((tick) => (
        <g key={tick}>
          <line class="cchart__grid" x1={LEFT} x2={width - RIGHT} y1={y(tick)} y2={y(tick)} />
          <text class="cchart__axis" x={LEFT - 8} y={y(tick) + 4} text-anchor="end">
            {Number.isInteger(tick) ? tick : ""}
          </text>
        </g>
      ))}
      {days.map((day, index) => {
        const x = LEFT + index * slot + (slot - barWidth) / 2;
        const opensTop = y(day.opens);
        const peopleTop = y(day.people);
        return (
          <g key={day.day} data-testid="opens-bar" data-day={day.day} data-opens={day.opens}>
            <title>{t("console.stats.tooltip", { day: dayLabel(day.day), opens: day.opens, people: day.people })}</title>
            <rect class="cchart__hit" x={LEFT + index * slot} y={TOP} width={slot} height={plotHeight} />
            {day.opens > 0 && (
              <rect class="cchart__bar" x={x} y={opensTop} width={barWidth} height={TOP + plotHeight - opensTop} rx={Math.min(3, barWidth / 3)} />
            )}
            {day.people > 0 && (
              <rect
                class="cchart__people"
                x={x + barWidth * 0.25}
                y={peopleTop}
                width={barWidth * 0.5}
                height={TOP + plotHeight - peopleTop}
                rx={Math.min(2, barWidth / 4)}
              />
            )}
            {index % labelEvery === 0 && (
              <text class="cchart__axis" x={LEFT + index * slot + slot / 2} y={HEIGHT - 8} text-anchor="middle">
                {dayLabel(day.day)}
              </text>
            )}
          </g>
        );
      })}
      <line class="cchart__base" x1={LEFT} x2={width - RIGHT} y1={TOP + plotHeight} y2={TOP + plotHeight} />
    </svg>
    </div>
  );
}

export function OpensPage({ appId }: { appId: string }) {
  useApp(appId);
  const [range, setRange] = useState<Range>(30);
  const opens = useLoad(() => dailyOpens(appId, range), [appId, range]);
  const days = opens.data;

  let body;
  if (days === null && opens.error !== null) {
    body = <ErrorState title={t("console.error")} message={errorMessage(opens.error)} onRetry={opens.reload} />;
  } else if (days === null) body = <LoadingState />;
  else {
    const total = days.reduce((sum, day) => sum + day.opens, 0);
    const busiest = days.reduce<DayOpens | null>((best, day) => (best === null || day.opens > best.opens ? day : best), null);
    const today = days[days.length - 1];
    body = (
      <>
        <div class="cstats">
          <div class="cstat">
            <div class="cstat__value" data-testid="opens-total">
              {total}
            </div>
            <div class="cstat__label">{t("console.stats.total", { days: days.length })}</div>
          </div>
          <div class="cstat">
            <div class="cstat__value">{today ? today.opens : 0}</div>
            <div class="cstat__label">{t("console.stats.today")}</div>
          </div>
          <div class="cstat">
            <div class="cstat__value">{busiest && busiest.opens > 0 ? busiest.opens : "—"}</div>
            <div class="cstat__label">
              {busiest && busiest.opens > 0 ? t("console.stats.busiest_on", { day: dayLabel(busiest.day) }) : t("console.stats.busiest")}
            </div>
          </div>
        </div>
        <Panel
          title={t("console.stats.chart")}
          actions={
            <div class="csegment" role="group" aria-label={t("console.stats.range")}>
              {RANGES.map((days) => (
                <button
                  key={days}
                  type="button"
                  class={range === days ? "csegment__item csegment__item--active" : "csegment__item"}
                  aria-pressed={range === days}
                  data-testid={`opens-range-${days}`}
                  onClick={() => setRange(days)}
                >
                  {t("console.stats.days", { days })}
                </button>
              ))}
            </div>
          }
          testid="opens-panel"
        >
          <OpensChart days={days} />
          <div class="clegend">
            <span class="clegend__item">
              <span class="clegend__swatch" />
              {t("console.stats.opens")}
            </span>
            <span class="clegend__item">
              <span class="clegend__swatch clegend__swatch--people" />
              {t("console.stats.people")}
            </span>
          </div>
          {total === 0 && <p class="cnote cnote--in-panel">{t("console.stats.none")}</p>}
        </Panel>
      </>
    );
  }
  return (
    <Frame
      title={t("console.nav.stats")}
      backTo="/dev"
      place={{ appId, section: "stats" }}
      testid="console-stats-page"
    >
      {body}
    </Frame>
  );
}
