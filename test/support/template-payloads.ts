// Injection attempts against the document templates, in every template syntax we know of. Each one tries to write
// the file MARKER (through child_process or fs) or to reach the process, the file system or an object's prototype.
// A payload is "literal" when Liquid has no delimiter in it: it must then come out in the document as plain text.

export interface Payload {
  name: string;
  source: string;
  literal: boolean;
}

const FS = (m: string) => `process.getBuiltinModule('fs').writeFileSync('${m}', 'x')`;
const CP = (m: string) => `process.getBuiltinModule('child_process').execSync('touch ${m}')`;

const raw: Array<[string, (m: string) => string]> = [
  // EJS (the former syntax), its escapes and the issue's own bypass
  ['EJS: the reported bypass "<%%" then "<%="', (m) => `<%% <%= ${CP(m)} %>`],
  ['EJS: the reported bypass running id', () => `<%% <%= process.getBuiltinModule('child_process').execSync('id') %>`],
  ['EJS: <%= output', (m) => `<%= ${FS(m)} %>`],
  ['EJS: <%- raw output', (m) => `<%- ${FS(m)} %>`],
  ['EJS: <% scriptlet', (m) => `<% ${FS(m)} %>`],
  ['EJS: <%_ whitespace slurping _%>', (m) => `<%_ ${FS(m)} _%>`],
  ['EJS: comment then code, -%>', (m) => `<%# ghi chú %><%= ${FS(m)} -%>`],
  ['EJS: %%> literal close around code', (m) => `%%> <%= ${FS(m)} %> %%>`],
  ['EJS: nested tags in a string', (m) => `<%= '<%= ${FS(m).replace(/'/g, '"')} %>' %>`],
  ['EJS: multi-line tag', (m) => `<%=\n${FS(m)}\n%>`],
  ['EJS: constructor.constructor of the data', (m) => `<%= d.constructor.constructor("${FS(m).replace(/"/g, "'")}")() %>`],
  ['EJS: Function from a helper', (m) => `<%= f.date.constructor('return process')().getBuiltinModule('fs').writeFileSync('${m}', 'x') %>`],
  ['EJS: global.process.mainModule.require', (m) => `<%= global.process.mainModule.require('child_process').execSync('touch ${m}') %>`],
  // Liquid: files, tags and filters that are not there, prototype walks, assign tricks
  ['Liquid: include /etc/passwd', () => `{% include '/etc/passwd' %}`],
  ['Liquid: include a relative path', () => `{% include '../../../../../etc/passwd' %}`],
  ['Liquid: include the marker', (m) => `{% include '${m}' %}`],
  ['Liquid: render', () => `{% render '/etc/passwd' %}`],
  ['Liquid: layout and block', () => `{% layout '/etc/passwd' %}{% block a %}x{% endblock %}`],
  ['Liquid: capture the data', () => `{% capture x %}{{ d }}{% endcapture %}{{ x }}`],
  ['Liquid: echo and liquid tags', () => `{% liquid echo d.commune.name %}{% echo d.commune %}`],
  ['Liquid: tablerow, cycle, increment', () => `{% tablerow x in d.commune %}{{ x }}{% endtablerow %}{% cycle 'a', 'b' %}{% increment n %}`],
  ['Liquid: d.constructor.constructor', () => `{{ d.constructor.constructor }}`],
  ["Liquid: d['__proto__']", () => `{{ d['__proto__'] }}`],
  ['Liquid: bracketed constructor chain', () => `{{ d["constructor"]["constructor"]("return process")() }}`],
  ['Liquid: prototype of a field', () => `{{ d.commune.prototype }}`],
  ['Liquid: toString and hasOwnProperty', () => `{{ d.toString }}{{ d.commune.hasOwnProperty }}`],
  ['Liquid: constructor of a string and a number', () => `{{ d.commune.name.constructor }}{{ d.commune.name.size.constructor.name }}`],
  ['Liquid: __defineGetter__ and __lookupGetter__', () => `{{ d.__defineGetter__ }}{{ d.__lookupGetter__ }}`],
  ['Liquid: assign the data as __proto__', () => `{% assign __proto__ = d %}{{ constructor }}`],
  ['Liquid: assign constructor then call it', () => `{% assign c = d.constructor %}{{ c.constructor }}`],
  ['Liquid: forloop internals', () => `{% for x in (1..2) %}{{ forloop.constructor }}{% endfor %}`],
  ['Liquid: forloop prototype walk', () => `{% for x in (1..2) %}{{ forloop.__proto__.__proto__.constructor }}{{ forloop.valueOf.constructor }}{% endfor %}`],
  ['Liquid: forloop as a list for map', () => `{% for x in (1..2) %}{% assign l = forloop %}{{ l | map: 'constructor' | join: ',' }}{% endfor %}`],
  ['Liquid: a filter that does not exist', () => `{{ d.commune.name | exec: 'touch /tmp/x' }}`],
  ['Liquid: raw filter', () => `{{ d.commune.name | raw }}`],
  ['Liquid: json and inspect dump the data', () => `{{ d | json }}{{ d | inspect }}`],
  ['Liquid: standard filters left out', () => `{{ d.commune.name | split: '' | sort | uniq | reverse | url_decode }}`],
  ['Liquid: a value with a new line and a section', () => `{{ d.commune.name | append: '\n[chữ ký]\nGiả mạo\nNgười ký giả' }}`],
  ['Liquid: raw block keeps braces as text', () => `{% raw %}{{ process.mainModule }}{% endraw %}`],
  ['Liquid: a hundred million rounds', () => `{% for i in (1..100000000) %}x{% endfor %}`],
  ['Liquid: nested loops without output', () => `{% for a in (1..3000) %}{% for b in (1..3000) %}{% for c in (1..3000) %}{% endfor %}{% endfor %}{% endfor %}`],
  ['Liquid: text doubled forty times', () => `{% assign s = 'xxxxxxxxxx' %}{% for i in (1..40) %}{% assign s = s | append: s %}{% endfor %}{{ s.size }}`],
  ['Liquid: a million lines of output', () => `{% for a in (1..1000) %}{% for b in (1..1000) %}{{ d.commune.name }}{% endfor %}{% endfor %}`],
  ['Liquid: three thousand nested ifs', () => `${'{% if true %}'.repeat(3000)}x${'{% endif %}'.repeat(3000)}`],
  // Handlebars-style
  ['Handlebars: each', () => `{{#each d}}{{this}}{{/each}}`],
  ['Handlebars: triple braces', () => `{{{raw}}}`],
  ['Handlebars: constructor.constructor call', () => `{{constructor.constructor('return process')()}}`],
  ['Handlebars: the known sub/apply chain', (m) => `{{#with "s" as |string|}}{{#with split as |conslist|}}{{this.push (lookup string.sub "constructor")}}{{#with string.split as |codelist|}}{{this.push "return process.getBuiltinModule('child_process').execSync('touch ${m}');"}}{{#each conslist}}{{#with (string.sub.apply 0 codelist)}}{{this}}{{/with}}{{/each}}{{/with}}{{/with}}{{/with}}`],
  ['Handlebars: partial and lookup', () => `{{> etc_passwd}}{{lookup d 'constructor'}}`],
  // JavaScript template literals and other engines
  ['JS template literal: process.exit', () => '${process.exit()}'],
  ['JS template literal: write a file', (m) => `\${${FS(m)}}`],
  ['JS template literal in backquotes', (m) => `\`\${${CP(m)}}\``],
  ['Pug interpolation', () => '#{process.exit()}'],
  ['Nunjucks: range.constructor', (m) => `{{ range.constructor("return global.process.mainModule.require('child_process').execSync('touch ${m}')")() }}`],
  ['Jinja: __class__.__mro__', () => `{{ ''.__class__.__mro__[1].__subclasses__() }}`],
  ['Arithmetic probes', () => '{{7*7}} ${7*7} [[${7*7}]] @(7*7) <?php system("id"); ?>'],
  ['doT and Underscore', (m) => `{{= ${FS(m)} }}<%= _.template("x") %>`],
];

export function templatePayloads(marker: (i: number) => string): Payload[] {
  return raw.map(([name, make], i) => {
    const source = make(marker(i));
    return { name, source, literal: !/\{\{|\{%/.test(source) };
  });
}
