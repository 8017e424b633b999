import { describe, expect, it } from 'vitest'
import { de } from '../../renderer/src/i18n/de'
import { en } from '../../renderer/src/i18n/en'

type Tree = { [key: string]: string | Tree }

/** Every leaf as [dotted path, value]; nested objects are walked, anything else is reported as a leaf. */
function leaves(tree: Tree, prefix = ''): [string, unknown][] {
  return Object.entries(tree).flatMap(([key, value]): [string, unknown][] => {
    const path = prefix ? `${prefix}.${key}` : key
    return typeof value === 'object' && value !== null ? leaves(value, path) : [[path, value]]
  })
}

/** Every node (inner and leaf) with its kind, so an object in one language vs. a string in the other is caught. */
function shape(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key
    return typeof value === 'object' && value !== null ? [`${path}/`, ...shape(value, path)] : [path]
  })
}

const languages = { de: de as Tree, en: en as Tree }

describe('UI translations', () => {
  it('have the same key tree in German and English', () => {
    const deKeys = new Set(shape(languages.de))
    const enKeys = new Set(shape(languages.en))
    const onlyDe = [...deKeys].filter((k) => !enKeys.has(k))
    const onlyEn = [...enKeys].filter((k) => !deKeys.has(k))
    expect({ onlyDe, onlyEn }).toEqual({ onlyDe: [], onlyEn: [] })
  })

  it.each(Object.entries(languages))('has no empty or non-string values in %s', (_lang, tree) => {
    const bad = leaves(tree)
      .filter(([, value]) => typeof value !== 'string' || value.trim() === '')
      .map(([path]) => path)
    expect(bad).toEqual([])
  })

  it.each(Object.entries(languages))('uses the same placeholders as German in %s', (_lang, tree) => {
    const placeholders = (text: unknown) =>
      typeof text === 'string' ? [...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]).sort() : []
    const deValues = new Map(leaves(languages.de))
    const mismatched = leaves(tree)
      .filter(
        ([path, value]) =>
          JSON.stringify(placeholders(value)) !== JSON.stringify(placeholders(deValues.get(path))),
      )
      .map(([path]) => path)
    expect(mismatched).toEqual([])
  })
})
