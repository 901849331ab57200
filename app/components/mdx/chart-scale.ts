/** Pure arithmetic for the server-rendered SVG charts: scales, ticks, text measuring, value labels. */
import { formatNumber } from '~/i18n/format'

/** Width of the SVG coordinate system. Small on purpose: text stays legible when a phone scales the chart down. */
export const CHART_WIDTH = 360
export const FONT_SIZE = 13
export const SMALL_FONT_SIZE = 12

/** A generous estimate of rendered text width for the system sans-serif fonts (no layout engine on the server). */
export function textWidth(text: string, fontSize = FONT_SIZE): number {
  let units = 0
  for (const ch of text.normalize('NFC')) {
    if (/[\u0300-\u036f]/.test(ch)) continue
    units += /[iljtf.,:;'|!()[\]\s]/.test(ch) ? 0.32 : /[mwMW@%]/.test(ch) ? 0.9 : /[A-ZĐ0-9]/.test(ch) ? 0.64 : 0.56
  }
  return units * fontSize
}

/**
 * Splits `text` into lines no wider than `maxWidth` (by words; a single over-long word gets a line of its own).
 * Only ordinary white space breaks: the no-break space between a number and its unit holds.
 */
export function wrapText(text: string, maxWidth: number, fontSize = FONT_SIZE): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(/[ \t\r\n]+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word
    if (line && textWidth(candidate, fontSize) > maxWidth) {
      lines.push(line)
      line = word
    } else line = candidate
  }
  if (line) lines.push(line)
  return lines
}

/** Decimals needed to write `value` exactly (up to 10). */
export function decimalsOf(value: number): number {
  const text = Math.abs(value).toFixed(10).replace(/0+$/, '')
  const dot = text.indexOf('.')
  return dot === -1 ? 0 : text.length - dot - 1
}

export type Ticks = { values: number[]; decimals: number; min: number; max: number }

/** About `count` round tick values covering [min, max] (steps of 1, 2, 2.5 or 5 × 10ⁿ). */
export function niceTicks(min: number, max: number, count = 5): Ticks {
  if (min === max) {
    const pad = min === 0 ? 1 : Math.abs(min) * 0.1
    min -= min === 0 ? 0 : pad
    max += pad
  }
  const raw = (max - min) / count
  const magnitude = 10 ** Math.floor(Math.log10(raw))
  const normal = raw / magnitude
  const step = (normal <= 1 ? 1 : normal <= 2 ? 2 : normal <= 2.5 ? 2.5 : normal <= 5 ? 5 : 10) * magnitude
  const decimals = decimalsOf(step)
  const first = Math.floor(min / step + 1e-9)
  const last = Math.ceil(max / step - 1e-9)
  const values: number[] = []
  for (let i = first; i <= last; i++) values.push(Number((i * step).toFixed(decimals)))
  return { values, decimals, min: values[0]!, max: values[values.length - 1]! }
}

/** A linear map from [d0, d1] to [r0, r1]. */
export function linearScale(d0: number, d1: number, r0: number, r1: number): (value: number) => number {
  const span = d1 - d0 || 1
  return (value) => r0 + ((value - d0) / span) * (r1 - r0)
}

/** " điểm", "hồ sơ", "%" → the suffix after a number: "%" sticks to it (6,68%), other units follow a space. */
export function unitSuffix(unit: string): string {
  const trimmed = unit.trim()
  if (!trimmed) return ''
  return trimmed === '%' || trimmed === '‰' ? trimmed : `\u00a0${trimmed}`
}

/** A value as learners read it: Vietnamese separators, the chart's decimals, the unit. */
export function formatValue(value: number, decimals: number, unit: string): string {
  return `${formatNumber(value, { decimals })}${unitSuffix(unit)}`
}

/** Rounds SVG coordinates so the markup stays short. */
export function r(value: number): number {
  return Math.round(value * 10) / 10
}
