/**
 * strings.render_template (OPA topdown/template.go): Go's text/template with
 * missingkey=error, on the variables object as Go decodes its JSON (numbers
 * as json.Number). The template engine is go/text-template-*.ts.
 */
import { formatNumber } from '../number';
import { RegoObject, Value, isArray, isNumber, isSet, isString } from '../value';
import { BuiltinError, T, defineBuiltin } from './registry';
import { GoValue, JsonNumber, renderGoTemplate } from './go/text-template-exec';
import { TemplateError } from './go/text-template-parse';

/** A Rego value as Go's JSON decoder (with UseNumber) gives it to the template. */
function toGo(v: Value): GoValue {
  if (v === null || typeof v === 'boolean' || isString(v)) return v;
  if (isNumber(v)) return new JsonNumber(formatNumber(v));
  if (isArray(v)) return v.map(toGo);
  if (isSet(v)) throw new BuiltinError('template variables cannot hold sets: Go decodes them from JSON, which has none; use an array');
  const m = new Map<string, GoValue>();
  for (const [k, x] of (v as RegoObject).entries()) {
    if (!isString(k)) throw new BuiltinError('template variables must have string keys: Go decodes them into map[string]interface{}');
    m.set(k, toGo(x));
  }
  return m;
}

defineBuiltin({
  name: 'strings.render_template',
  args: [T.string, T.object],
  fn: ([template, vars]) => {
    try {
      return renderGoTemplate(template as string, toGo(vars as RegoObject));
    } catch (e) {
      if (e instanceof TemplateError) throw new BuiltinError(e.message);
      throw e;
    }
  },
});
