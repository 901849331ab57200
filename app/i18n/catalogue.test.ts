import { describe, expect, it } from 'vitest'
import { en } from './en'
import { translator } from './index'
import { vi } from './vi'

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()

describe('the string catalogues', () => {
  it('have the same keys, each with the same placeholders in both languages', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort())
    for (const key of Object.keys(vi) as (keyof typeof vi)[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(vi[key]))
      expect(en[key].trim(), key).not.toBe('')
    }
  })

  it('fill placeholders and leave unknown ones visible', () => {
    expect(translator('vi')('home.greeting', { name: 'Thạch Trần Thị Cầm' })).toBe('Xin chào, Thạch Trần Thị Cầm')
    expect(translator('en')('home.greeting', { name: 'An' })).toBe('Hello, An')
    expect(translator('vi')('home.greeting')).toBe('Xin chào, {name}')
  })

  it('are written in NFC, so search and sorting see one form of each letter', () => {
    for (const text of [...Object.values(vi), ...Object.values(en)]) expect(text).toBe(text.normalize('NFC'))
  })
})
