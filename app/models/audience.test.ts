import { describe, expect, it } from 'vitest'
import { audienceMatches, type PersonOnDate } from './audience'

const inPost = (unitId: string, ancestorIds: string[], position = '', staffType: PersonOnDate['staffType'] = 'cong_chuc'): PersonOnDate => ({
  staffType,
  placements: [{ unitId, ancestorIds, position }],
})

describe('audienceMatches', () => {
  it('matches all staff in post, and nobody out of post', () => {
    expect(audienceMatches({ all: true }, inPost('a', ['so']))).toBe(true)
    expect(audienceMatches({ all: true }, { staffType: 'cong_chuc', placements: [] })).toBe(false)
  })

  it('matches a listed unit and every unit below it, not the units above', () => {
    expect(audienceMatches({ unitIds: ['vpdk'] }, inPost('vpdk', ['so']))).toBe(true)
    expect(audienceMatches({ unitIds: ['vpdk'] }, inPost('cn-1', ['vpdk', 'so']))).toBe(true)
    expect(audienceMatches({ unitIds: ['cn-1'] }, inPost('vpdk', ['so']))).toBe(false)
    expect(audienceMatches({ unitIds: ['qldd'] }, inPost('cn-1', ['vpdk', 'so']))).toBe(false)
  })

  it('matches positions whatever the case or Unicode form, and never the empty position', () => {
    expect(audienceMatches({ positions: ['Trưởng phòng'] }, inPost('a', [], 'trưởng phòng'))).toBe(true)
    expect(audienceMatches({ positions: ['Trưởng phòng'] }, inPost('a', [], 'Tru\u031Bo\u031B\u0309ng pho\u0300ng'))).toBe(true)
    expect(audienceMatches({ positions: ['Trưởng phòng'] }, inPost('a', [], 'Phó Trưởng phòng'))).toBe(false)
    expect(audienceMatches({ positions: [''] }, inPost('a', [], ''))).toBe(false)
  })

  it('matches staff types', () => {
    expect(audienceMatches({ staffTypes: ['vien_chuc'] }, inPost('a', [], '', 'vien_chuc'))).toBe(true)
    expect(audienceMatches({ staffTypes: ['vien_chuc'] }, inPost('a', [], '', 'nguoi_lao_dong'))).toBe(false)
  })

  it('looks at every assignment of a person holding two posts', () => {
    const twoPosts: PersonOnDate = { staffType: 'cong_chuc', placements: [{ unitId: 'a', ancestorIds: ['so'], position: '' }, { unitId: 'b', ancestorIds: ['so'], position: 'Phó Trưởng phòng' }] }
    expect(audienceMatches({ unitIds: ['b'] }, twoPosts)).toBe(true)
    expect(audienceMatches({ positions: ['Phó Trưởng phòng'] }, twoPosts)).toBe(true)
  })
})
