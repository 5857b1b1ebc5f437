"""Build humor_ce's docs without Quarto.

    python .ci/build_docs.py readme   # README.md from nbs/index.ipynb
    python .ci/build_docs.py site     # _docs/: index.html + one page per notebook, with navigation
    python .ci/build_docs.py check    # exit 1 if README.md is stale or a saved output shows a path, warning or ANSI code
    python .ci/build_docs.py scrub    # replace machine paths in saved outputs (after re-executing notebooks)

The site is nbdev's processed notebooks (`nbdev.serve.proc_nbs`, which runs `show_doc` and drops hidden cells) rendered
by nbconvert with their saved outputs. Quarto (`nbdev_docs`) stays the path of the GitHub deploy workflow.
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
                new = scrub_text(old)
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

def _clean(nb, meta:dict)->dict:
    "Drop front matter, the autogenerated warning and stderr output; hide `echo: false` sources; strip `#|` directives; add a title."
    cells = [dict(cell_type='markdown', metadata={}, source=f"# {meta.get('title', '')}\n\n> {meta.get('description', '')}")]
    for c in nb['cells']:
        src = ''.join(c['source'])
        if c['cell_type'] == 'raw' or 'AUTOGENERATED! DO NOT EDIT' in src: continue
        if c['cell_type'] == 'code':
            lines = src.split('\n')
            directives = [l for l in lines if l.startswith('#|')]
            c['source'] = '\n'.join(l for l in lines if not l.startswith('#|')).strip()
            c.setdefault('metadata', {})['tags'] = ['hide_input'] if any('echo: false' in d for d in directives) else []
            c['outputs'] = [o for o in c.get('outputs', []) if not (o.get('output_type') == 'stream' and o.get('name') == 'stderr')]  # progress bars, warnings
            if not c['source'] and not c['outputs']: continue
        cells.append(c)
    nb['cells'], nb['nbformat'], nb['nbformat_minor'] = cells, 4, 4
    for c in cells: c.pop('id', None)
    return nb

CSS = """
body { margin: 0 250px 0 250px; }
nav.humor-ce-nav { position: fixed; top: 0; left: 0; bottom: 0; width: 230px; overflow-y: auto; padding: 1em 0.8em;
  border-right: 1px solid #ddd; background: #fafafa; font-family: sans-serif; font-size: 14px; box-sizing: border-box; }
nav.humor-ce-nav .site { font-weight: bold; font-size: 17px; display: block; margin-bottom: 0.6em; color: #222; }
nav.humor-ce-nav a.page { display: block; padding: 0.25em 0.4em; color: #0b57d0; text-decoration: none; border-radius: 4px; }
nav.humor-ce-nav a.page.current { background: #e3ecfb; font-weight: bold; color: #222; }
nav.humor-ce-nav input { width: 100%; box-sizing: border-box; padding: 0.3em; margin-bottom: 0.6em; }
nav.humor-ce-nav #humor-ce-hits a { display: block; font-size: 12px; padding: 0.2em 0.4em; color: #333; }
aside.humor-ce-toc { position: fixed; top: 0; right: 0; bottom: 0; width: 230px; overflow-y: auto; padding: 1em 0.8em;
  border-left: 1px solid #ddd; font-family: sans-serif; font-size: 13px; box-sizing: border-box; }
aside.humor-ce-toc .head { font-weight: bold; margin-bottom: 0.4em; }
aside.humor-ce-toc a { display: block; padding: 0.15em 0; color: #444; text-decoration: none; }
aside.humor-ce-toc a.h3 { padding-left: 1em; font-size: 12px; }
.jp-RenderedMarkdown pre, .jp-RenderedHTMLCommon pre { background: #f6f8fa; border: 1px solid #d0d7de; border-radius: 6px;
  padding: 0.7em 0.9em; overflow-x: auto; white-space: pre; }
.jp-RenderedMarkdown pre code, .jp-RenderedHTMLCommon pre code { white-space: pre !important; word-break: normal; }
.jp-OutputArea-output pre { white-space: pre; overflow-x: auto; }
.jp-RenderedHTMLCommon table { border-collapse: collapse; font-size: 13px; }
.jp-RenderedHTMLCommon td, .jp-RenderedHTMLCommon th { border: 1px solid #d0d7de; padding: 0.25em 0.6em; }
"""

SEARCH_JS = """
const HUMOR_CE_INDEX = %s;
function humorCeSearch(q) {
  const hits = document.getElementById('humor-ce-hits'); hits.innerHTML = '';
  q = q.trim().toLowerCase(); if (q.length < 2) return;
  for (const e of HUMOR_CE_INDEX.filter(e => (e.heading + ' ' + e.text).toLowerCase().includes(q)).slice(0, 20)) {
    const a = document.createElement('a'); a.href = e.url; a.textContent = e.page + ': ' + e.heading; hits.appendChild(a);
  }
}
"""

def _headings(body:str)->list:
    "(level, id, text) of the page's h2 and h3 headings, in order."
    found = re.findall(r'<h([23])[^>]*\bid="([^"]+)"[^>]*>(.*?)</h\1>', body, flags=re.S)
    return [(int(l), i, re.sub(r'<[^>]+>|¶', '', t).strip()) for l, i, t in found]

def _sections(body:str, page:str, title:str)->list:
    "Search entries: one per heading, with the text that follows it."
    text = re.sub(r'<script.*?</script>|<style.*?</style>', ' ', body.split('<body', 1)[-1], flags=re.S)
    parts = re.split(r'(<h[1-3][^>]*>.*?</h[1-3]>)', text, flags=re.S)
    out, heading, anchor = [], title, ''
    for part in parts:
        m = re.match(r'<h[1-3][^>]*?(?:\bid="([^"]+)")?[^>]*>(.*?)</h[1-3]>', part, flags=re.S)
        if m: heading, anchor = re.sub(r'<[^>]+>|¶', '', m.group(2)).strip(), m.group(1) or ''; continue
        words = ' '.join(re.sub(r'<[^>]+>', ' ', part).split())[:400]
        if words: out.append(dict(page=title, heading=heading, url=f'{page}#{anchor}' if anchor else page, text=words))
    return out

def _sidebar(pages:list, current:str)->str:
    links = ''.join(f'<a class="page{" current" if f == current else ""}" href="{f}">{t}</a>' for f, t in pages)
    return (f'<nav class="humor-ce-nav"><a class="site" href="index.html">humor_ce</a>'
            f'<input id="humor-ce-search" type="search" placeholder="Search" oninput="humorCeSearch(this.value)">'
            f'<div id="humor-ce-hits"></div>{links}</nav>')

def _toc(body:str)->str:
    items = ''.join(f'<a class="h{l}" href="#{i}">{t}</a>' for l, i, t in _headings(body))
    return f'<aside class="humor-ce-toc"><div class="head">On this page</div>{items}</aside>'

def build_site(out:Path=ROOT/'_docs')->list:
    "Render every processed notebook to `out`; returns the pages written."
    import nbformat
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor
    from nbdev.serve import proc_nbs
    cfg = _cfg()
    proc = Path(proc_nbs(path=str(ROOT/'nbs'), n_workers=0, force=True))
    nbs = sorted(proc.glob('*.ipynb'), key=lambda p: (p.stem != 'index', p.stem))
    pages, docs = [], []
    for p in nbs:
        nb = json.loads(p.read_text(encoding='utf-8')); meta = _front_matter(nb)
        out_file = 'index.html' if p.stem == 'index' else meta.get('output-file', p.stem + '.html')
        pages.append((out_file, meta.get('title', p.stem))); docs.append((p, nb, meta, out_file))
    link_map = {p.name: f for (p, _, _, f) in docs}
    host = f"{cfg.doc_host}{cfg.doc_baseurl}".rstrip('/') + '/'
    if out.exists(): shutil.rmtree(out)
    out.mkdir(parents=True)
    exporter = HTMLExporter(template_name='lab', exclude_input_prompt=True, exclude_output_prompt=True)
    exporter.register_preprocessor(TagRemovePreprocessor(remove_input_tags={'hide_input'}), enabled=True)
    bodies = {}
    for p, nb, meta, out_file in docs:
        body, _ = exporter.from_notebook_node(nbformat.reads(json.dumps(_clean(nb, meta)), as_version=4))
        body = scrub_text(body.replace(f'href="{host}', 'href="'))
        body = re.sub(r'\{target=(?:&quot;|")_blank(?:&quot;|")[^}]*\}', '', body)  # Quarto link attributes
        for name, target in link_map.items(): body = body.replace(f'href="{name}', f'href="{target}')
        bodies[out_file] = body
    index = [e for (p, nb, meta, f) in docs for e in _sections(bodies[f], f, meta.get('title', p.stem))]
    script = '<script>' + SEARCH_JS % json.dumps(index, ensure_ascii=False) + '</script>'
    for p, nb, meta, out_file in docs:
        body = bodies[out_file]
        frame = _sidebar(pages, out_file) + _toc(body)
        body = re.sub(r'(<body[^>]*>)', lambda m: m.group(1) + frame, body, count=1)
        body = body.replace('</head>', f'<style>{CSS}</style>{script}</head>', 1)
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
