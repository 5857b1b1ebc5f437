"""Build humor_ce's docs without Quarto.

    python .ci/build_docs.py readme   # README.md from nbs/index.ipynb
    python .ci/build_docs.py site     # _docs/: index.html + one page per notebook, with navigation
    python .ci/build_docs.py check    # exit 1 if README.md is stale or a saved output shows a path, warning or ANSI code
    python .ci/build_docs.py scrub    # replace machine paths in saved outputs (after re-executing notebooks)

The site is nbdev's processed notebooks (`nbdev.serve.proc_nbs`, which runs `show_doc` and drops hidden cells) rendered
by nbconvert with their saved outputs, in the order of `nbs/sidebar.yml`, with a top bar, page list, contents, full-text
search (`search_index.js`), previous/next links and a constants table per module. CI (`.ci/run`) and the GitHub deploy
workflow (`.github/workflows/deploy.yaml`) both build it this way and check it with `.ci/check_docs.py`; Quarto is not
used (`nbs/_quarto.yml` stays only because nbdev's commands read it for settings).
"""
import json, re, shutil, sys
from pathlib import Path
import yaml

ROOT = Path(__file__).resolve().parent.parent

def _machine_paths()->list:
    "(pattern, replacement) for the paths of this machine that saved outputs must not show."
    import site, tempfile
    sp = [re.escape(p) for p in site.getsitepackages() + [site.getusersitepackages()] if p]
    return [(r'(?:/private)?/(?:tmp|var/folders/[\w/]+)/humor-ce-scratch-\w+/[\w-]+', '<tmp>'),  # a `scratch()` folder
            (r'(?:/private)?/(?:tmp|var/folders/[\w/]+)/(?:tmp|humor-ce-)[\w-]+', '<tmp>'), (re.escape(tempfile.gettempdir()) + r'/tmp[\w]+', '<tmp>'),
            (r'(?:' + '|'.join(sp) + r')', '<site-packages>'), (r'\S*/site-packages', '<site-packages>'),
            (re.escape(str(ROOT.parent/'shared'/'data')), '<data>'), (re.escape(str(ROOT)), '<repo>'),
            (re.escape(str(Path.home())) + r'(?=/)', '~')]

def scrub_html(html:str)->str:
    "`scrub_text` for HTML: the placeholders escaped, so that a browser shows <tmp> instead of taking it for a tag."
    for pat, rep in _machine_paths(): html = re.sub(pat, html_escape(rep), html)
    return html

def scrub_text(text:str)->str:
    "Replace temporary folders, site-packages, the data folder and the clone's own path with placeholders."
    for pat, rep in _machine_paths(): text = re.sub(pat, rep, text)
    return text

def _output_texts(o:dict):
    "The text fields of one output: (container, key) pairs whose value is a str or a list of str."
    if 'text' in o: yield o, 'text'
    for mime in ('text/plain', 'text/markdown', 'text/html'):
        if mime in o.get('data', {}): yield o['data'], mime

def scrub_notebook(path:Path)->int:
    "Scrub machine paths from a notebook's saved outputs in place; returns how many outputs changed."
    nb, n = json.loads(path.read_text(encoding='utf-8')), 0
    for c in nb['cells']:
        for o in c.get('outputs', []):
            for box, key in _output_texts(o):
                old = ''.join(box[key]) if isinstance(box[key], list) else box[key]
                new = scrub_html(old) if key == 'text/html' else scrub_text(old)
                if key == 'text/html': new = re.sub(r'<(tmp|repo|data|site-packages)>', r'&lt;\1&gt;', new)  # older scrubs
                if new != old: box[key], n = new.splitlines(True) if isinstance(box[key], list) else new, n + 1
    if n: path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + '\n', encoding='utf-8')
    return n

NOISE = [(r'(?<![\w<])/(?:tmp|root|home|var/folders|private/tmp)/', 'a machine path'),
         (r'(?<!<)site-packages', 'a site-packages path'),  # `scrub` leaves the placeholder <site-packages>
         (r'\x1b\[', 'an ANSI escape (a colored log or a progress bar)'),
         (r'FutureWarning|DeprecationWarning', 'a deprecation warning'),
         (r'Loading weights|LOAD REPORT', "a model loader's progress bar or load report"),
         (r'Call self as a function', 'an undocumented method')]

def _all_output_texts(o:dict):
    "Every text an output shows: streams, results, and an error's name, value and traceback."
    for box, key in _output_texts(o): yield ''.join(box[key]) if isinstance(box[key], list) else box[key]
    if o.get('output_type') == 'error': yield '\n'.join([o.get('ename', ''), o.get('evalue', ''), *o.get('traceback', [])])

def output_problems()->list:
    "(notebook, cell, what) for every saved output that shows a machine path, the clone's path, or noise."
    here = [re.escape(str(ROOT)), re.escape(str(Path.home())) + '/']
    pats = NOISE + [(h, 'a path of this machine') for h in here if h not in ('/', '')]
    found = []
    for p in sorted((ROOT/'nbs').glob('*.ipynb')):
        for i, c in enumerate(json.loads(p.read_text(encoding='utf-8'))['cells']):
            for o in c.get('outputs', []):
                for t in _all_output_texts(o):
                    for pat, what in pats:
                        if m := re.search(pat, t):
                            found.append((p.name, i, f"{what}: ...{t[max(0, m.start() - 40):m.end() + 40]!r}..."))
    return found

def unscrubbed()->list:
    "Notebooks whose saved outputs still show machine paths that `scrub` would replace."
    return [p.name for p in sorted((ROOT/'nbs').glob('*.ipynb'))
            if any(scrub_text(t) != t for c in json.loads(p.read_text(encoding='utf-8'))['cells'] for o in c.get('outputs', [])
                   for t in [''.join(b[k]) if isinstance(b[k], list) else b[k] for b, k in _output_texts(o)])]

def _cfg():
    from nbdev.config import get_config
    return get_config(path=ROOT)

def _readme_cells(nb)->list:
    "Markdown cells as they are; visible code cells (no `#|` directives) as Python code blocks."
    out = []
    for c in nb['cells']:
        src = ''.join(c['source'])
        if c['cell_type'] == 'markdown': out.append(src)
        elif c['cell_type'] == 'code' and not src.lstrip().startswith('#|'): out.append(f'```python\n{src.strip()}\n```')
    return out

def readme_text()->str:
    "README.md's text: the markdown of nbs/index.ipynb, links to notebooks pointing into nbs/."
    nb = json.loads((ROOT/'nbs'/'index.ipynb').read_text(encoding='utf-8'))
    body = '\n\n'.join(_readme_cells(nb))
    body = re.sub(r'\]\((\d\d[a-z]?_[\w]+\.ipynb)\)', r'](nbs/\1)', body)
    return '<!-- Generated from nbs/index.ipynb by `python .ci/build_docs.py readme`: edit the notebook, not this file. -->\n\n' + body.strip() + '\n'

def _front_matter(nb)->dict:
    "The YAML front matter nbdev puts in a raw cell (title, description, output-file)."
    for c in nb['cells']:
        src = ''.join(c['source'])
        if c['cell_type'] == 'raw' and src.startswith('---'): return yaml.safe_load(src.strip().strip('-')) or {}
    return {}

def constants_table(module:str)->str:
    "A markdown section listing a module's exported constants: name, value and the comment written beside it."
    import importlib, inspect
    mod = importlib.import_module(f'humor_ce.{module}')
    names = [n for n in getattr(mod, '__all__', []) if n.isupper() and not callable(getattr(mod, n))]
    if not names: return ''
    comments, above = {}, ''
    for line in inspect.getsource(mod).splitlines():  # the comment beside `NAME = ...`, else the comment line above it
        if m := re.match(r'([A-Z_][A-Z0-9_]*(?:\s*,\s*[A-Z_][A-Z0-9_]*)*)\s*=(.*)$', line):
            beside = re.search(r'\s{2,}#\s?(.*)$', m.group(2))
            for n in m.group(1).split(','): comments.setdefault(n.strip(), beside.group(1).strip() if beside else above)
        above = m2.group(1).strip() if (m2 := re.match(r'#\s?(.*)$', line)) else ''
    def code(text:str)->str:  # a markdown code span that survives a table: | escaped, backticks fenced by more
        text = text.replace('|', '\\|')
        return f'`` {text} ``' if '`' in text else f'`{text}`'
    def show(v):
        r = repr(v) if not isinstance(v, str) or len(v) < 70 else repr(v.strip().split('\n')[0][:60] + ' …')
        r = scrub_text(r.replace(str(ROOT) + '/', ''))
        r = re.sub(r"<(?:function|class) '?([\w.<>]+?)'?(?: at 0x[0-9a-f]+)?>", r'\1', r)  # a function or class by name
        return code(r if len(r) < 160 else r[:150] + ' …')
    rows = [f"| {code(n)} | {show(getattr(mod, n))} | {comments.get(n, '').replace('|', '&#124;')} |" for n in names]
    return ('## Constants\n\nThe values this module exports, as `from humor_ce.' + module + ' import NAME` gives them:\n\n'
            '| name | value | what it is |\n|---|---|---|\n' + '\n'.join(rows))

def is_test_code(src:str)->bool:
    "A cell that checks rather than shows: test_eq / test_fail / assert lines and no definitions."
    return bool(re.search(r'^\s*(?:test_\w+\(|assert\b)', src, re.M)) and not re.search(r'^\s*(?:def|class)\s', src, re.M)

TEST_CODE = re.compile(r'(<div[^>]*\bcelltag_hc_test\b[^>]*>.*?)<pre>.*?</pre>', re.S)  # a test cell's code, in HTML

def _clean(nb, meta:dict, module:str|None=None)->dict:
    "Drop front matter and the autogenerated warning; hide `echo: false` sources; strip `#|` directives; add a title."
    cells = [dict(cell_type='markdown', metadata={}, source=f"# {meta.get('title', '')}\n\n> {meta.get('description', '')}")]
    for c in nb['cells']:
        src = ''.join(c['source'])
        if c['cell_type'] == 'raw' or 'AUTOGENERATED! DO NOT EDIT' in src: continue
        if c['cell_type'] == 'code':
            lines = src.split('\n')
            directives = [l for l in lines if l.startswith('#|')]
            c['source'] = '\n'.join(l for l in lines if not l.startswith('#|')).strip()
            tags = ['hide_input'] if any('echo: false' in d for d in directives) else []
            if is_test_code(c['source']): tags.append('hc_test')   # shown, but not searched as prose
            c.setdefault('metadata', {})['tags'] = tags
            if not c['source'] and not c['outputs']: continue
        cells.append(c)
    if module and (table := constants_table(module)): cells.append(dict(cell_type='markdown', metadata={}, source=table))
    nb['cells'], nb['nbformat'], nb['nbformat_minor'] = cells, 4, 4
    _tidy_streams(nb)
    for c in cells: c.pop('id', None)
    return nb

FAVICON = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#24292f"/>'
           '<text x="16" y="23" font-size="20" text-anchor="middle" fill="#fff" font-family="sans-serif">笑</text></svg>')

CSS = """
:root { --hc-top: 48px; --hc-nav: 240px; --hc-toc: 230px; --hc-line: #d0d7de; --hc-soft: #f6f8fa; --hc-link: #0b57d0;
  --hc-text: #1f2328; --hc-bg: #ffffff; --hc-mark: #fff3a3; }
html { scroll-padding-top: calc(var(--hc-top) + 8px); }
body.jp-Notebook { margin: 0; padding: calc(var(--hc-top) + 12px) 16px 24px 16px; box-sizing: border-box; overflow-x: hidden; }
.jp-InputPrompt, .jp-OutputPrompt { display: none !important; }
.jp-Cell { padding-left: 0 !important; padding-right: 0 !important; }
body > main, body > .jp-Notebook, main { max-width: 100%; min-width: 0; }
.jp-Cell, .jp-OutputArea, .jp-OutputArea-child, .jp-OutputArea-output, .jp-RenderedHTMLCommon, .jp-InputArea,
.jp-Cell-inputWrapper, .jp-Cell-outputWrapper { min-width: 0; max-width: 100%; }
header.hc-top { position: fixed; top: 0; left: 0; right: 0; height: var(--hc-top); z-index: 30; display: flex;
  align-items: center; gap: 12px; padding: 0 12px; background: #24292f; color: #fff; font-family: sans-serif;
  box-sizing: border-box; }
header.hc-top a { color: #fff; text-decoration: none; }
header.hc-top .hc-name { font-weight: bold; font-size: 17px; white-space: nowrap; }
header.hc-top .hc-repo { font-size: 13px; opacity: 0.85; white-space: nowrap; }
header.hc-top .hc-menu { display: none; background: none; border: 1px solid #8c959f; color: #fff; border-radius: 4px;
  font-size: 18px; padding: 2px 9px; cursor: pointer; }
header.hc-top .hc-search { margin-left: auto; position: relative; }
header.hc-top input { width: 260px; max-width: 40vw; padding: 5px 8px; border-radius: 4px; border: 1px solid #8c959f; }
#hc-hits { position: absolute; right: 0; top: 36px; width: min(560px, 92vw); max-height: 70vh; overflow-y: auto;
  background: var(--hc-bg); color: var(--hc-text); border: 1px solid var(--hc-line); border-radius: 6px;
  box-shadow: 0 6px 20px rgba(0,0,0,.18); display: none; }
#hc-hits.open { display: block; }
#hc-hits a { display: block; padding: 8px 10px; border-bottom: 1px solid var(--hc-line); color: var(--hc-text); text-decoration: none; }
#hc-hits a:hover { background: var(--hc-soft); }
#hc-hits .hc-where { font-weight: bold; font-size: 13px; color: var(--hc-link); }
#hc-hits .hc-snip { font-size: 12px; color: #57606a; }
#hc-hits mark { background: var(--hc-mark); color: inherit; }
#hc-hits .hc-none { padding: 8px 10px; font-size: 13px; }
nav.hc-nav { position: fixed; top: var(--hc-top); left: 0; bottom: 0; width: var(--hc-nav); overflow-y: auto; z-index: 20;
  padding: 1em 0.8em; border-right: 1px solid var(--hc-line); background: var(--hc-soft); font-family: sans-serif;
  font-size: 14px; box-sizing: border-box; }
nav.hc-nav a.page { display: block; padding: 0.25em 0.4em; color: var(--hc-link); text-decoration: none; border-radius: 4px; }
nav.hc-nav a.page.current { background: #e3ecfb; font-weight: bold; color: #1f2328; }
aside.hc-toc { font-family: sans-serif; font-size: 13px; }
aside.hc-toc summary { font-weight: bold; cursor: pointer; margin-bottom: 0.4em; }
aside.hc-toc a { display: block; padding: 0.15em 0; color: #444; text-decoration: none; overflow-wrap: anywhere; }
aside.hc-toc a.h3 { padding-left: 1em; font-size: 12px; }
nav.hc-pager { display: flex; justify-content: space-between; gap: 12px; margin: 2.5em 0 1em; padding-top: 1em;
  border-top: 1px solid var(--hc-line); font-family: sans-serif; }
nav.hc-pager a { color: var(--hc-link); text-decoration: none; max-width: 48%; }
nav.hc-pager a.next { margin-left: auto; text-align: right; }
.jp-RenderedMarkdown pre, .jp-RenderedHTMLCommon pre { background: var(--hc-soft); border: 1px solid var(--hc-line);
  border-radius: 6px; padding: 0.7em 0.9em; overflow-x: auto; white-space: pre; }
.jp-RenderedMarkdown pre code, .jp-RenderedHTMLCommon pre code { white-space: pre !important; word-break: normal; }
.jp-OutputArea-output pre, .jp-InputArea pre, .highlight pre { white-space: pre; overflow-x: auto; max-width: 100%; }
.jp-RenderedHTMLCommon table { border-collapse: collapse; font-size: 13px; display: block; overflow-x: auto; max-width: 100%; }
.jp-RenderedHTMLCommon td, .jp-RenderedHTMLCommon th { border: 1px solid var(--hc-line); padding: 0.25em 0.6em; }
.jp-RenderedHTMLCommon img, .jp-OutputArea-output img { max-width: 100%; height: auto; }
.hc-codebox { position: relative; }
.hc-copy { position: absolute; top: 4px; right: 4px; font-size: 11px; padding: 2px 7px; border: 1px solid var(--hc-line);
  border-radius: 4px; background: var(--hc-bg); color: var(--hc-text); cursor: pointer; opacity: 0.75; z-index: 2; }
.hc-copy:hover { opacity: 1; }
nav.hc-nav .hc-group { margin: 0.9em 0.4em 0.2em; font-size: 12px; font-weight: bold; text-transform: uppercase;
  letter-spacing: 0.04em; color: #57606a; }
h1:target, h2:target, h3:target, h4:target, .hc-landed { background: var(--hc-mark); border-radius: 4px;
  transition: background 2s; }
#hc-hits a.hc-sel { background: var(--hc-soft); outline: 2px solid var(--hc-link); outline-offset: -2px; }
.hc-codebox { padding-top: 24px; }
.hc-copy { top: 0; right: 0; }
.jp-RenderedHTMLCommon td { overflow-wrap: anywhere; word-break: normal; }
.jp-OutputArea-output .dataframe td, .jp-OutputArea-output .dataframe th { white-space: nowrap; overflow-wrap: normal; }
.jp-OutputArea-output { overflow-x: auto; }
@media (min-width: 900px) { body.jp-Notebook { padding-left: calc(var(--hc-nav) + 24px); } }
@media (min-width: 1200px) {
  body.jp-Notebook { padding-right: calc(var(--hc-toc) + 24px); }
  aside.hc-toc { position: fixed; top: var(--hc-top); right: 0; bottom: 0; width: var(--hc-toc); overflow-y: auto;
    padding: 1em 0.8em; border-left: 1px solid var(--hc-line); box-sizing: border-box; }
}
@media (max-width: 1199.98px) { aside.hc-toc { margin: 0 0 1em; padding: 0.5em 0.8em; border: 1px solid var(--hc-line);
  border-radius: 6px; background: var(--hc-soft); } }
@media (max-width: 899.98px) {
  header.hc-top .hc-menu { display: inline-block; }
  header.hc-top .hc-repo { display: none; }
  nav.hc-nav { display: none; width: min(320px, 88vw); box-shadow: 0 6px 20px rgba(0,0,0,.25); }
  body.hc-nav-open nav.hc-nav { display: block; }
  body.jp-Notebook { padding-left: 10px; padding-right: 10px; }
  .jp-RenderedHTMLCommon { padding-right: 0 !important; }
}
@media (prefers-color-scheme: dark) {
  :root { --hc-line: #3d444d; --hc-soft: #161b22; --hc-link: #6cb6ff; --hc-text: #e6edf3; --hc-bg: #0d1117; --hc-mark: #6e5b00;
    --jp-layout-color0: #0d1117; --jp-layout-color1: #0d1117; --jp-layout-color2: #161b22; --jp-ui-font-color0: #e6edf3;
    --jp-ui-font-color1: #e6edf3; --jp-content-font-color0: #e6edf3; --jp-content-font-color1: #e6edf3;
    --jp-content-font-color2: #c9d1d9; --jp-cell-editor-background: #161b22; --jp-cell-editor-border-color: #3d444d;
    --jp-rendermime-table-row-background: #0d1117; --jp-rendermime-table-row-hover-background: #161b22;
    --jp-border-color0: #3d444d; --jp-border-color1: #3d444d; --jp-border-color2: #3d444d; }
  body.jp-Notebook { background: var(--hc-bg); color: var(--hc-text); }
  nav.hc-nav a.page.current { background: #1f3a5f; color: #e6edf3; }
  aside.hc-toc a { color: #c9d1d9; }
  .jp-OutputArea-output img { background: #fff; }
}
"""

SITE_JS = """
function hcEsc(s) { return s.replace(/[&<>"]/g, c => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;'}[c])); }
const HC_CJK = /[\\u3040-\\u30ff\\u3400-\\u9fff\\uf900-\\ufaff\\uff66-\\uff9f]/;
function hcTerms(q) { return q.toLowerCase().split(/\\s+/).filter(t => t.length > 0); }
function hcFind(text, term) {
  // a Latin term matches the start of a word (case ignored); a Japanese term matches anywhere (character n-grams)
  if (HC_CJK.test(term)) return text.indexOf(term);
  let i = text.indexOf(term);
  while (i >= 0) { if (i === 0 || !/[a-z0-9]/.test(text[i - 1])) return i; i = text.indexOf(term, i + 1); }
  return -1;
}
let HC_WORDS = null;
function hcNear(a, b) {
  // within one edit: a letter changed, added, dropped, or two neighbours swapped
  if (Math.abs(a.length - b.length) > 1 || a === b) return a === b;
  let i = 0; while (i < a.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1) ||
    (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
function hcFuzzy(term) {
  // the index's words one edit away from a Latin term of 4+ letters (a typo: bootstap -> bootstrap)
  if (HC_CJK.test(term) || term.length < 4) return [];
  if (!HC_WORDS) { HC_WORDS = new Set(); for (const e of HC_INDEX) for (const w of (e.heading + ' ' + e.text).toLowerCase().match(/[a-z0-9_]+/g) || []) HC_WORDS.add(w); }
  return Array.from(HC_WORDS).filter(w => hcNear(w, term)).slice(0, 5);
}
function hcSearch(q) {
  const exact = hcSearchExact(q);
  if (exact.length) return exact;
  const terms = hcTerms(q), alts = terms.map(t => [t, ...hcFuzzy(t)]);
  if (alts.every(a => a.length === 1)) return exact;
  let best = [];
  for (const combo of alts.reduce((acc, a) => acc.flatMap(c => a.map(x => [...c, x])), [[]]).slice(0, 25)) {
    const got = hcSearchExact(combo.join(' '));
    if (got.length > best.length) { best = got; best.terms = combo; }
  }
  return best;
}
function hcSearchExact(q) {
  const terms = hcTerms(q), out = [];
  if (!terms.length || (terms.length === 1 && terms[0].length < 2 && !HC_CJK.test(terms[0]))) return out;
  for (const e of HC_INDEX) {
    const low = e.low || (e.low = (e.heading + ' ' + e.text).toLowerCase());
    const at = terms.map(t => hcFind(low, t));
    if (at.some(i => i < 0)) continue;
    const inHead = terms.filter(t => hcFind(e.heading.toLowerCase(), t) >= 0).length;
    out.push({e, at: Math.min(...at), score: inHead * 10 + (e.kind === 'api' ? 3 : 0)});
  }
  out.sort((a, b) => b.score - a.score);
  return out.slice(0, 30);
}
function hcSnippet(e, at, terms) {
  const full = e.heading + ' ' + e.text, start = Math.max(0, at - 60), piece = full.slice(start, at + 140);
  let html = hcEsc(piece);
  for (const t of terms) {
    const re = new RegExp(t.replace(/[.*+?^${}()|[\\]\\\\]/g, '\\\\$&'), 'gi');
    html = html.replace(re, m => '<mark>' + m + '</mark>');
  }
  return (start > 0 ? '… ' : '') + html + ' …';
}
function hcShow(q) {
  const box = document.getElementById('hc-hits'), hits = hcSearch(q), terms = hits.terms || hcTerms(q);
  if (!terms.length) { box.classList.remove('open'); box.innerHTML = ''; return hits; }
  box.innerHTML = hits.length ? hits.map(h => '<a href="' + h.e.url + '"><div class="hc-where">' + hcEsc(h.e.page) + ' › ' +
    hcEsc(h.e.heading) + '</div><div class="hc-snip">' + hcSnippet(h.e, h.at, terms) + '</div></a>').join('')
    : '<div class="hc-none">No match for “' + hcEsc(q) + '”</div>';
  box.classList.add('open');
  return hits;
}
function hcKey(ev) {
  // Enter opens the selected hit (the first if none is); the arrow keys move through the hits
  const links = Array.from(document.querySelectorAll('#hc-hits a'));
  if (!links.length) return;
  let i = links.findIndex(a => a.classList.contains('hc-sel'));
  if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
    ev.preventDefault(); if (i >= 0) links[i].classList.remove('hc-sel');
    i = ev.key === 'ArrowDown' ? Math.min(i + 1, links.length - 1) : Math.max(i - 1, 0);
    links[i].classList.add('hc-sel'); links[i].scrollIntoView({block: 'nearest'});
  } else if (ev.key === 'Enter') { ev.preventDefault(); window.location.href = links[Math.max(i, 0)].href; }
  else if (ev.key === 'Escape') document.getElementById('hc-hits').classList.remove('open');
}
function hcLanded() {
  // the section a search hit (or any link) landed on is highlighted for a moment
  const el = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
  if (el) { el.classList.add('hc-landed'); setTimeout(() => el.classList.remove('hc-landed'), 2500); }
}
function hcImages() {
  // a figure never shrinks below 60% of its drawn size (its text stays readable); the output area scrolls instead
  for (const img of document.querySelectorAll('.jp-OutputArea-output img')) {
    const fit = () => { if (img.naturalWidth) img.style.minWidth = Math.min(img.naturalWidth, Math.round(img.naturalWidth * 0.6)) + 'px'; };
    img.complete ? fit() : img.addEventListener('load', fit);
  }
}
function hcCopyButtons() {
  for (const pre of document.querySelectorAll('.jp-InputArea pre, .jp-RenderedMarkdown pre')) {
    const box = document.createElement('div'); box.className = 'hc-codebox';  // the button sits above its own block
    pre.parentElement.insertBefore(box, pre); box.appendChild(pre);
    const b = document.createElement('button'); b.className = 'hc-copy'; b.type = 'button'; b.textContent = 'Copy';
    b.title = 'Copy this code';
    b.onclick = () => {
      const text = pre.innerText, done = () => { b.textContent = 'Copied'; setTimeout(() => b.textContent = 'Copy', 1200); };
      if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(text).then(done);
      else { const t = document.createElement('textarea'); t.value = text; document.body.appendChild(t); t.select();
             document.execCommand('copy'); t.remove(); done(); }
    };
    box.insertBefore(b, pre);
  }
}
window.addEventListener('hashchange', hcLanded);
document.addEventListener('DOMContentLoaded', () => {
  hcCopyButtons(); hcImages(); hcLanded();
  const input = document.getElementById('hc-search'); if (input) input.addEventListener('keydown', hcKey);
  document.querySelector('.hc-menu').onclick = () => document.body.classList.toggle('hc-nav-open');
  const toc = document.querySelector('aside.hc-toc details');
  if (toc && window.innerWidth < 1200) toc.open = false;
  document.addEventListener('click', ev => {
    if (!ev.target.closest('.hc-search')) document.getElementById('hc-hits').classList.remove('open');
    if (ev.target.closest('nav.hc-nav a')) document.body.classList.remove('hc-nav-open');
  });
});
"""

def _visible_text(html:str)->str:
    "The text a reader sees in a piece of HTML: tags, scripts and styles dropped, entities decoded, white space folded."
    import html as _html
    html = re.sub(r'<script.*?</script>|<style.*?</style>|<img[^>]*>', ' ', html, flags=re.S)
    return ' '.join(_html.unescape(re.sub(r'<[^>]+>|¶', ' ', html)).split())

def _headings(body:str)->list:
    "(level, id, text) of the page's h2 and h3 headings, in order."
    found = re.findall(r'<h([23])[^>]*\bid="([^"]+)"[^>]*>(.*?)</h\1>', body, flags=re.S)
    return [(int(l), i, _visible_text(t)) for l, i, t in found]

def _sections(body:str, page:str, title:str)->list:
    "Search entries: one per heading, holding every word of the section (prose, tables, docstrings, outputs)."
    text = TEST_CODE.sub(r'\1', body.split('<body', 1)[-1])
    text = re.sub(r'<header class="hc-top".*?</header>|<nav class="hc-(?:nav|pager)".*?</nav>|<aside class="hc-toc".*?</aside>',
                  ' ', text, flags=re.S)
    parts = re.split(r'(<h[1-4][^>]*>.*?</h[1-4]>)', text, flags=re.S)
    out = [dict(page=title, heading=title, url=page, text='', kind='text')]
    for part in parts:
        m = re.match(r'<h[1-4]([^>]*)>(.*?)</h[1-4]>', part, flags=re.S)
        if m:  # the id may stand anywhere among the attributes (it came after them, so every hit opened the page top)
            hid = re.search(r'\bid="([^"]+)"', m.group(1))
            out.append(dict(page=title, heading=_visible_text(m.group(2)), kind='text', text='',
                            url=f'{page}#{hid.group(1)}' if hid else page))
            continue
        out[-1]['text'] = (out[-1]['text'] + ' ' + _visible_text(part)).strip()
        if re.search(r'<code[^>]*>\s*(?:<span[^>]*>)*\s*(?:class|def)\b', part): out[-1]['kind'] = 'api'
    out = [e for e in out if e['text'] or e['heading'] != title]
    return out

def _frame(cfg, pages:list, current:str, body:str, grouped:list=())->str:
    "Top bar (name, repository, search, issue link, menu button), the page list in its groups and the contents."
    titles = dict(pages)
    def link(f): return f'<a class="page{" current" if f == current else ""}" href="{f}">{html_escape(titles[f])}</a>'
    links = ''.join((f'<div class="hc-group">{html_escape(g)}</div>' if g else '') + ''.join(map(link, fs))
                    for g, fs in (grouped or [(None, [f for f, _ in pages])]))
    toc = ''.join(f'<a class="h{l}" href="#{i}">{html_escape(t)}</a>' for l, i, t in _headings(body))
    return ('<header class="hc-top"><button class="hc-menu" type="button" aria-label="Pages">☰</button>'
            f'<a class="hc-name" href="index.html">{cfg.lib_name}</a>'
            f'<a class="hc-repo" href="{cfg.git_url}">{cfg.git_url.split("://")[-1]}</a>'
            f'<a class="hc-repo hc-issue" href="{cfg.git_url}/issues/new">Report an issue</a>'
            f'<div class="hc-search"><input id="hc-search" type="search" placeholder="Search the docs" '
            f'aria-label="Search the docs" autocomplete="off" oninput="hcShow(this.value)"><div id="hc-hits"></div></div>'
            f'</header><nav class="hc-nav">{links}</nav>'
            f'<aside class="hc-toc"><details open><summary>On this page</summary>{toc}</details></aside>')

def _pager(pages:list, current:str)->str:
    i = [f for f, _ in pages].index(current)
    prev = f'<a class="prev" rel="prev" href="{pages[i-1][0]}">← {html_escape(pages[i-1][1])}</a>' if i > 0 else ''
    nxt = f'<a class="next" rel="next" href="{pages[i+1][0]}">{html_escape(pages[i+1][1])} →</a>' if i + 1 < len(pages) else ''
    return f'<nav class="hc-pager">{prev}{nxt}</nav>'

def html_escape(s:str)->str:
    import html as _html
    return _html.escape(str(s), quote=True)

def _lower_anchors(body:str)->str:
    "One rule for anchors: heading ids and the fragments of links within the site are lower-cased."
    body = re.sub(r'(<h[1-6][^>]*\bid=")([^"]+)(")', lambda m: m.group(1) + m.group(2).lower() + m.group(3), body)
    def frag(m):
        url = m.group(2)
        if re.match(r'[a-z][a-z0-9+.-]*:', url) or '#' not in url: return m.group(0)
        page, f = url.split('#', 1)
        return f'{m.group(1)}{page}#{f.lower()}{m.group(3)}'
    return re.sub(r'(href=")([^"]*)(")', frag, body)

def _image_alts(body:str, titles:list)->str:
    "Give each output image its figure's title (or what its cell says it shows) as alt text, in page order."
    it = iter(titles)
    def alt(m):
        tag = m.group(0)
        if 'src="data:image' not in tag: return tag
        t = next(it, None) or 'Figure'
        tag = re.sub(r'\salt="[^"]*"', '', tag)
        return tag.replace('<img', f'<img alt="{html_escape(t)}"', 1)
    return re.sub(r'<img\b[^>]*>', alt, body)

def _figure_titles(nb)->list:
    "One alt text per output image of a processed notebook, in order: the figure's title as the cell sets it, else what it plots."
    import importlib
    titles, heading = [], ''
    for c in nb['cells']:
        src = ''.join(c['source']) if isinstance(c['source'], list) else c['source']
        if c['cell_type'] == 'markdown':
            if hs := re.findall(r'^#{1,4}\s+(.+)$', src, flags=re.M): heading = hs[-1].strip()
            continue
        if c['cell_type'] != 'code': continue
        set_titles = re.findall(r"(?:title=|set_title\(|suptitle\()\s*f?['\"]([^'\"]+)['\"]", src)
        plots = re.findall(r'\b(plot_\w+)\(', src) + [f'plot_{n}' for n in re.findall(r"['\"](\w+)\.png['\"]", src)]
        docs = []
        for name in plots:  # a plot function by name, or the one whose name starts a written file's name
            for mod in map(importlib.import_module, ('humor_ce.evaluation', 'humor_ce.benchmark')):
                f = getattr(mod, name, None) or next((getattr(mod, n) for n in dir(mod) if n.startswith('plot_')
                                                      and name.startswith(n)), None)
                if f is not None and f.__doc__: docs.append(f.__doc__.strip().split('\n')[0].rstrip('.')); break
        for o in c.get('outputs', []):
            if 'image/png' in o.get('data', {}) or 'image/jpeg' in o.get('data', {}):
                t = (set_titles.pop(0) if set_titles else docs.pop(0) if docs else f'Figure: {heading}' if heading else 'Figure')
                titles.append(t)
    return titles

def _tidy_streams(nb)->dict:
    "Progress bars as they finished: in stream text, a line redrawn with carriage returns keeps only its last state."
    for c in nb['cells']:
        for o in c.get('outputs', []):
            if o.get('output_type') == 'stream':
                t = ''.join(o['text']) if isinstance(o['text'], list) else o['text']
                o['text'] = '\n'.join(l.split('\r')[-1] if '\r' in l.rstrip('\r') else l.rstrip('\r') for l in t.split('\n'))
        c['outputs'] = [o for o in c.get('outputs', []) if not (o.get('output_type') == 'stream' and not o['text'].strip())]
    return nb

def sidebar_groups()->list:
    "(section title or None, notebook names) in `nbs/sidebar.yml`'s order: Quarto's `section:` entries become groups."
    groups = []
    for item in yaml.safe_load((ROOT/'nbs'/'sidebar.yml').read_text())['website']['sidebar']['contents']:
        if isinstance(item, dict): groups.append((item['section'], list(item['contents'])))
        else: groups.append((None, [item]))
    return groups

def build_site(out:Path=ROOT/'_docs')->list:
    "Render every processed notebook to `out`; returns the pages written."
    import nbformat
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor
    from nbdev.serve import proc_nbs
    cfg = _cfg()
    proc = Path(proc_nbs(path=str(ROOT/'nbs'), n_workers=0, force=True))
    groups = sidebar_groups()
    order = [n for _, names in groups for n in names]
    missing = sorted({p.name for p in proc.glob('*.ipynb')} - set(order))
    if missing: sys.exit(f'nbs/sidebar.yml does not list {missing}: add them where they belong in the page order')
    nbs = [proc/n for n in order if (proc/n).exists()]
    pages, docs = [], []
    for p in nbs:
        nb = json.loads(p.read_text(encoding='utf-8')); meta = _front_matter(nb)
        out_file = 'index.html' if p.stem == 'index' else meta.get('output-file', p.stem + '.html')
        pages.append((out_file, meta.get('title', p.stem))); docs.append((p, nb, meta, out_file))
    link_map = {p.name: f for (p, _, _, f) in docs}
    grouped = [(title, [link_map[n] for n in names if n in link_map]) for title, names in groups]
    host = f"{cfg.doc_host}{cfg.doc_baseurl}".rstrip('/') + '/'
    if out.exists(): shutil.rmtree(out)
    out.mkdir(parents=True)
    exporter = HTMLExporter(template_name='lab', exclude_input_prompt=True, exclude_output_prompt=True)
    exporter.register_preprocessor(TagRemovePreprocessor(remove_input_tags={'hide_input'}), enabled=True)
    bodies = {}
    for p, nb, meta, out_file in docs:
        exp = re.search(r'#\|\s*default_exp\s+(\w+)', (ROOT/'nbs'/p.name).read_text(encoding='utf-8'))
        cleaned = _clean(nb, meta, exp.group(1) if exp else None)
        body, _ = exporter.from_notebook_node(nbformat.reads(json.dumps(cleaned), as_version=4))
        body = scrub_html(body.replace(f'href="{host}', 'href="'))
        body = re.sub(r'\{target=(?:&quot;|")_blank(?:&quot;|")[^}]*\}', '', body)  # Quarto link attributes
        for name, target in link_map.items(): body = body.replace(f'href="{name}', f'href="{target}')
        bodies[out_file] = _image_alts(_lower_anchors(body), _figure_titles(cleaned))
    index = [e for (p, nb, meta, f) in docs for e in _sections(bodies[f], f, meta.get('title', p.stem))]
    (out/'search_index.js').write_text('const HC_INDEX = ' + json.dumps(index, ensure_ascii=False) + ';\n', encoding='utf-8')
    (out/'site.js').write_text(SITE_JS, encoding='utf-8')
    (out/'site.css').write_text(CSS, encoding='utf-8')
    (out/'favicon.svg').write_text(FAVICON, encoding='utf-8')
    head = ('<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="stylesheet" href="site.css">'
            '<link rel="icon" href="favicon.svg" type="image/svg+xml">'
            '<script src="search_index.js"></script><script src="site.js"></script>')
    for p, nb, meta, out_file in docs:
        body = bodies[out_file]
        frame = _frame(cfg, pages, out_file, body, grouped)
        body = re.sub(r'(<body[^>]*>)', lambda m: m.group(1) + frame, body, count=1)
        body = body.replace('</body>', _pager(pages, out_file) + '</body>', 1)
        body = re.sub(r'<meta name="viewport"[^>]*>', '', body).replace('</head>', head + '</head>', 1)
        body = re.sub(r'<title>.*?</title>', f"<title>{meta.get('title', p.stem)} – humor_ce</title>", body, count=1, flags=re.S)
        (out/out_file).write_text(body, encoding='utf-8')
    print(f'docs site: {len(docs)} pages in {out}: ' + ', '.join(f for f, _ in pages))
    return [out/f for f, _ in pages]

if __name__ == '__main__':
    cmd = sys.argv[1] if len(sys.argv) > 1 else 'site'
    if cmd == 'readme':
        (ROOT/'README.md').write_text(readme_text(), encoding='utf-8'); print(f'wrote {ROOT/"README.md"}')
    elif cmd == 'check':
        if (ROOT/'README.md').read_text(encoding='utf-8') != readme_text():
            sys.exit('README.md is stale: run `python .ci/build_docs.py readme` and commit it')
        if bad := unscrubbed(): sys.exit(f'saved outputs show machine paths in {bad}: run `python .ci/build_docs.py scrub`')
        if bad := output_problems():
            for nb_name, cell, what in bad: print(f'{nb_name} cell {cell}: {what}', file=sys.stderr)
            sys.exit(f'{len(bad)} saved outputs show machine paths, warnings or escape codes: fix them where they arise '
                     '(or scrub paths), re-execute the notebook, and commit it')
        print('README.md is up to date; no saved output shows a machine path, a warning or an escape code')
    elif cmd == 'scrub':
        for p in sorted((ROOT/'nbs').glob('*.ipynb')):
            if n := scrub_notebook(p): print(f'{p.name}: {n} outputs scrubbed')
    elif cmd == 'site': build_site()
    else: sys.exit(__doc__)
