import fs from 'node:fs'
import path from 'node:path'
import ts from 'typescript'
import { describe, expect, test } from 'vitest'
import { MESSAGES } from '#app/i18n/index.ts'
import { ROOT } from '#tests/setup/paths.ts'

/** Every source file under app/ (and server/) that calls `audit(`. */
function auditCallers(): string[] {
  const out: string[] = []
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name)
      if (e.isDirectory()) walk(p)
      else if (/\.tsx?$/.test(e.name) && /\baudit\(/.test(fs.readFileSync(p, 'utf8'))) out.push(p)
    }
  }
  walk(path.join(ROOT, 'app'))
  walk(path.join(ROOT, 'server'))
  return out.sort()
}

/**
 * The action codes an expression can produce: a string literal, either branch of `a ? b : c`,
 * or a template literal whose `${…}` parts are unions of string literals (the type checker
 * says which). Anything else is reported, so a code can never escape the check.
 */
function codesOf(node: ts.Expression, checker: ts.TypeChecker): string[] | string {
  if (ts.isParenthesizedExpression(node)) return codesOf(node.expression, checker)
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text]
  if (ts.isConditionalExpression(node)) {
    const a = codesOf(node.whenTrue, checker)
    const b = codesOf(node.whenFalse, checker)
    if (typeof a === 'string') return a
    if (typeof b === 'string') return b
    return [...a, ...b]
  }
  if (ts.isTemplateExpression(node)) {
    let acc = [node.head.text]
    for (const span of node.templateSpans) {
      const inner = codesOf(span.expression, checker)
      if (typeof inner === 'string') return inner
      acc = acc.flatMap((prefix) => inner.map((v) => prefix + v + span.literal.text))
    }
    return acc
  }
  const type = checker.getTypeAtLocation(node)
  const parts = type.isUnion() ? type.types : [type]
  if (parts.every((p) => p.isStringLiteral())) return parts.map((p) => (p as ts.StringLiteralType).value)
  return `not a literal: ${node.getText()} (${checker.typeToString(type)})`
}

function scan() {
  const files = auditCallers()
  // The project's own compiler options (package.json "imports" resolve the #app/… paths).
  const config = ts.readConfigFile(path.join(ROOT, 'tsconfig.json'), (f) => ts.sys.readFile(f))
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT)
  const program = ts.createProgram(files, { ...options, noEmit: true })
  const checker = program.getTypeChecker()
  const codes = new Map<string, string>()
  const problems: string[] = []
  for (const file of files) {
    const sf = program.getSourceFile(file)!
    const visit = (node: ts.Node) => {
      if (
        ts.isCallExpression(node) &&
        ts.isIdentifier(node.expression) &&
        node.expression.text === 'audit' &&
        node.arguments[1] &&
        ts.isObjectLiteralExpression(node.arguments[1])
      ) {
        const prop = node.arguments[1].properties.find(
          (p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText() === 'action',
        )
        const where = `${path.relative(ROOT, file)}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}`
        const found = prop ? codesOf(prop.initializer, checker) : 'no action property'
        if (typeof found === 'string') problems.push(`${where}: ${found}`)
        else for (const c of found) codes.set(c, where)
      }
      ts.forEachChild(node, visit)
    }
    visit(sf)
  }
  return { codes, problems }
}

describe('audit action codes', () => {
  const { codes, problems } = scan()

  test('every call to audit() names its action with literals the check can read', () => {
    expect(problems).toEqual([])
    expect(codes.size).toBeGreaterThan(60)
  })

  test('every action code written in app/ has words in both languages', () => {
    const missing = [...codes].flatMap(([code, where]) =>
      (['id', 'en'] as const)
        .filter((lang) => !(`audit.action.${code}` in MESSAGES[lang]))
        .map((lang) => `${lang}: audit.action.${code} (${where})`),
    )
    expect(missing).toEqual([])
  })
})
