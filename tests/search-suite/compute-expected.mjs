// Computes the expected answer of every query in queries.json over the open Synthea corpus plus
// extra-resources.json, WITHOUT FhirAi's code: HL7's FHIRPath engine (fhirpath.js 4.11.0) evaluates the
// official R4 SearchParameter expressions, LHC's ucum-lhc converts units, and the matching rules below are
// written from the R4 search page (https://hl7.org/fhir/R4/search.html), independently of the C# ones.
//
//   cd tests/search-suite && npm install && node compute-expected.mjs ../../../shared/data/synthea/bundles <fhir package dir>
//
// Output: expected.json, { query: [fullUrl, ...] } sorted, fullUrls being the bundle entries' urn:uuid values.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const fhirpath = require('fhirpath');
const r4 = require('fhirpath/fhir-context/r4');
const ucum = require('@lhncbc/ucum-lhc').UcumLhcUtils.getInstance();

const [bundleDir, packageDir] = process.argv.slice(2);
const here = path.dirname(new URL(import.meta.url).pathname);

// Search parameters by base type and code, from the official package.
const parameters = new Map();
for (const file of fs.readdirSync(packageDir).filter(f => f.startsWith('SearchParameter-'))) {
  const sp = JSON.parse(fs.readFileSync(path.join(packageDir, file), 'utf8'));
  if (sp.resourceType !== 'SearchParameter' || !Array.isArray(sp.base)) continue;
  for (const base of sp.base) parameters.set(`${base}.${sp.code}`, sp);
}

// Resources with their fullUrl, in load order.
const resources = [];
const bundleFiles = fs.readdirSync(bundleDir).filter(f => f.endsWith('.json')).sort().map(f => path.join(bundleDir, f));
for (const file of [...bundleFiles, path.join(here, 'extra-resources.json')]) {
  for (const entry of JSON.parse(fs.readFileSync(file, 'utf8')).entry) resources.push({ fullUrl: entry.fullUrl, resource: entry.resource });
}
const byFullUrl = new Map(resources.map(r => [r.fullUrl, r]));

const fold = s => s.normalize('NFD').replace(/\p{Mn}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();

// The instant range [low, high) a FHIR date/dateTime covers at its precision; no zone means UTC.
function dateRange(text) {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, f, z] = m;
  const zone = !z || z === 'Z' ? 0 : (z[0] === '-' ? -1 : 1) * (Number(z.slice(1, 3)) * 60 + Number(z.slice(4, 6)));
  const utc = (Y, M, D, H = 0, Mi = 0, S = 0, ms = 0) => Date.UTC(Y, M, D, H, Mi, S, ms) - zone * 60000;
  if (!mo) return [utc(+y, 0, 1), utc(+y + 1, 0, 1)];
  if (!d) return [utc(+y, +mo - 1, 1), utc(+y, +mo, 1)];
  if (!h) return [utc(+y, +mo - 1, +d), utc(+y, +mo - 1, +d + 1)];
  if (!s) { const low = utc(+y, +mo - 1, +d, +h, +mi); return [low, low + 60000]; }
  if (!f) { const low = utc(+y, +mo - 1, +d, +h, +mi, +s); return [low, low + 1000]; }
  const width = 1000 / 10 ** Math.min(f.length, 3);
  const low = utc(+y, +mo - 1, +d, +h, +mi, +s) + Number(('0.' + f)) * 1000;
  return [low, low + width];
}

function splitPrefix(value) {
  const m = /^(eq|ne|gt|lt|ge|le|sa|eb|ap)(?=[0-9+-.])/.exec(value);
  return m ? [m[1], value.slice(2)] : ['eq', value];
}

// The implicit precision range of a decimal search value: 0.10 → [0.095, 0.105).
function numberRange(text) {
  const n = Number(text);
  const decimals = (text.split('.')[1] || '').replace(/e.*$/i, '').length;
  const half = 0.5 / 10 ** decimals;
  return [n, n - half, n + half];
}

function compareNumber(prefix, value, [n, low, high]) {
  switch (prefix) {
    case 'ne': return value < low || value >= high;
    case 'gt': case 'sa': return value > n;
    case 'lt': case 'eb': return value < n;
    case 'ge': return value >= n;
    case 'le': return value <= n;
    case 'ap': return value >= n * 0.9 && value <= n * 1.1;
    default: return value >= low && value < high;
  }
}

function compareDate(prefix, [tLow, tHigh], [low, high]) {
  switch (prefix) {
    case 'ne': return tLow < low || tHigh > high;
    case 'gt': return tHigh > high;
    case 'lt': return tLow < low;
    case 'ge': return tHigh > high || (tLow >= low && tHigh <= high);
    case 'le': return tLow < low || (tLow >= low && tHigh <= high);
    case 'sa': return tLow >= high;
    case 'eb': return tHigh <= low;
    case 'ap': return tLow < high && tHigh > low;
    default: return tLow >= low && tHigh <= high;
  }
}

// Token view of an element: [{system, code, texts}], following the R4 token rules per data type.
function tokens(node) {
  if (node === null || node === undefined) return [];
  if (typeof node !== 'object') return [{ system: null, code: String(node), texts: [] }];
  if (Array.isArray(node.coding) || node.text !== undefined && !('value' in node)) {
    const texts = [node.text, ...(node.coding || []).map(c => c.display)].filter(Boolean);
    return (node.coding || []).map(c => ({ system: c.system ?? null, code: c.code ?? null, texts }));
  }
  if ('code' in node || 'display' in node) return [{ system: node.system ?? null, code: node.code ?? null, texts: [node.display].filter(Boolean) }];
  if ('value' in node) return [{ system: node.system ?? null, code: String(node.value), texts: [node.type?.text].filter(Boolean) }];
  return [];
}

function tokenMatches(t, value) {
  const bar = value.indexOf('|');
  if (bar < 0) return t.code === value;
  const system = value.slice(0, bar), code = value.slice(bar + 1);
  if (system === '') return t.system === null && t.code === code;
  if (code === '') return t.system === system;
  return t.system === system && t.code === code;
}

function strings(node) {
  if (typeof node === 'string') return [node];
  if (node && typeof node === 'object') {
    const parts = ['text', 'family', 'given', 'prefix', 'suffix', 'line', 'city', 'district', 'state', 'postalCode', 'country'];
    return parts.flatMap(p => node[p] === undefined ? [] : [].concat(node[p])).filter(s => typeof s === 'string');
  }
  return [];
}

function referenceTargets(node) {
  const ref = typeof node === 'string' ? node : node?.reference;
  if (!ref) return [];
  if (ref.startsWith('urn:uuid:')) {
    const target = byFullUrl.get(ref);
    return target ? [{ type: target.resource.resourceType, id: ref }] : [];
  }
  const [type, id] = ref.split('/');
  return [{ type, id }];
}

function valueMatches(type, modifier, node, value) {
  switch (type) {
    case 'token':
      if (modifier === 'text') return tokens(node).some(t => t.texts.some(x => fold(x).startsWith(fold(value))));
      return tokens(node).some(t => tokenMatches(t, value));
    case 'string': {
      const all = strings(node);
      if (modifier === 'exact') return all.includes(value);
      if (modifier === 'contains') return all.some(s => fold(s).includes(fold(value)));
      return all.some(s => fold(s).startsWith(fold(value)));
    }
    case 'date': {
      const [prefix, text] = splitPrefix(value);
      const search = dateRange(text);
      let target;
      if (typeof node === 'string') target = dateRange(node);
      else if (node && (node.start || node.end)) target = [node.start ? dateRange(node.start)[0] : -8.64e15, node.end ? dateRange(node.end)[1] : 8.64e15];
      return !!(search && target) && compareDate(prefix, target, search);
    }
    case 'number': {
      const [prefix, text] = splitPrefix(value);
      return typeof node === 'number' && compareNumber(prefix, node, numberRange(text));
    }
    case 'quantity': {
      if (!node || typeof node.value !== 'number') return false;
      const [numberPart, system, code] = value.split('|');
      const [prefix, text] = splitPrefix(numberPart);
      let target = node.value;
      if (code !== undefined) {
        if (system === 'http://unitsofmeasure.org' && node.system === system) {
          const converted = ucum.convertUnitTo(node.code, node.value, code);
          if (converted.status !== 'succeeded') return false;
          target = converted.toVal;
        } else if ((system !== '' && node.system !== system) || node.code !== code) {
          return false;
        }
      }
      return compareNumber(prefix, target, numberRange(text));
    }
    case 'reference': {
      const slash = value.indexOf('/');
      return referenceTargets(node).some(t => slash < 0 ? t.id === value : t.type === value.slice(0, slash) && t.id === value.slice(slash + 1));
    }
    case 'uri':
      return typeof node === 'string' && (modifier === 'below' ? node.startsWith(value) : node === value);
    default:
      throw new Error(`type ${type} not in the suite`);
  }
}

// Composite: each component expression evaluated on the same root element.
function compositeMatches(sp, root, value) {
  const [first, second] = value.split('$');
  const [c1, c2] = sp.component.map(c => ({ sp: [...parameters.values()].find(p => p.url === c.definition), expression: c.expression }));
  const eval1 = fhirpath.evaluate(root, c1.expression, null, r4);
  const eval2 = fhirpath.evaluate(root, c2.expression.replace('as(DateTime)', 'as(dateTime)'), null, r4);
  return eval1.some(a => valueMatches(c1.sp.type, null, a, first)) && eval2.some(b => valueMatches(c2.sp.type, null, b, second));
}

// fhirpath.js runs resolve() asynchronously (it fetches); R4 uses it only as `X.where(resolve() is Type)`,
// which is the same as keeping the references whose target has that type.
function evaluate(resource, expression) {
  return expression.split(/\s+\|\s+/).flatMap(part => {
    const m = /^\(?(.*?)\.where\(resolve\(\) is (\w+)\)\)?$/.exec(part.trim());
    if (!m) return fhirpath.evaluate(resource, part, null, r4);
    return fhirpath.evaluate(resource, m[1], null, r4).filter(n => referenceTargets(n).some(t => t.type === m[2]));
  });
}

function matches(entry, name, value) {
  const resource = entry.resource;
  const [code, modifier] = name.split(':');
  if (code === '_id') return value.split(',').includes(entry.fullUrl);
  const sp = parameters.get(`${resource.resourceType}.${code}`) ?? parameters.get(`Resource.${code}`) ?? parameters.get(`DomainResource.${code}`);
  if (!sp) throw new Error(`unknown parameter ${resource.resourceType}.${code}`);
  const values = value.split(',');
  if (sp.type === 'composite') {
    const roots = evaluate(resource, sp.expression);
    return values.some(v => roots.some(root => compositeMatches(sp, root, v)));
  }
  const nodes = evaluate(resource, sp.expression);
  if (modifier === 'not') return !values.some(v => nodes.some(n => valueMatches(sp.type, null, n, v)));
  return values.some(v => nodes.some(n => valueMatches(sp.type, modifier, n, v)));
}

const queries = JSON.parse(fs.readFileSync(path.join(here, 'queries.json'), 'utf8'));
const expected = {};
for (const query of queries) {
  const [type, queryString] = query.split('?');
  const criteria = queryString.split('&').map(p => {
    const eq = p.indexOf('=');
    return [p.slice(0, eq), p.slice(eq + 1).replace(/\{\{(urn:uuid:[^}]+)\}\}/g, '$1')];
  });
  expected[query] = resources
    .filter(e => e.resource.resourceType === type && criteria.every(([name, value]) => matches(e, name, value)))
    .map(e => e.fullUrl)
    .sort();
}
fs.writeFileSync(path.join(here, 'expected.json'), JSON.stringify(expected, null, 1) + '\n');
console.log(Object.entries(expected).map(([q, r]) => `${String(r.length).padStart(5)}  ${q}`).join('\n'));
