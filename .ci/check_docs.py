"""Open the built docs site in headless Chromium and check what a reader would see.

    python .ci/check_docs.py [--min-plots N]

Every page in _docs/ must load with a sidebar linking to every other page, an in-page table of contents, a search box
that finds things, and no broken image; every API page must show at least one parameter table (from docments); the
evaluation page must show at least N plots (images whose natural width is non-zero). Without a browser it also checks
that every link with a #fragment lands on an existing id, that no page shows a machine path or a progress bar stuck
before 100%, that the search index holds every word of every page, and that every image has alt text. At 400, 768 and
1400 px the home, evaluation and training pages must keep their text readable (no page wider than the screen, the
title and the text at least 80% of the width on a phone); screenshots of each go to _docs/_screenshots/.
"""
import argparse, html, json, os, re, shutil, sys, tempfile
from pathlib import Path
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

ROOT = Path(__file__).resolve().parent.parent
FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--window-size=1280,2000']

def _which(*names):
    found = [shutil.which(n) for n in names]
    return next((f for f in found if f), None)

def browser():
    "Headless Chromium (Debian's chromium + chromium-driver; CHROME_BIN / CHROMEDRIVER override)."
    chrome = os.environ.get('CHROME_BIN') or _which('chromium', 'chromium-browser', 'google-chrome')
    driver = os.environ.get('CHROMEDRIVER') or _which('chromedriver')
    if not chrome or not driver: sys.exit('docs check: install chromium and chromium-driver (apt-get install chromium chromium-driver)')
    opts = webdriver.ChromeOptions(); opts.binary_location = chrome
    for f in FLAGS + [f'--user-data-dir={tempfile.mkdtemp()}']: opts.add_argument(f)
    return webdriver.Chrome(service=Service(driver), options=opts)

IMAGES_JS = "return Array.from(document.images).map(i => [i.complete, i.naturalWidth, (i.alt || i.src).slice(0, 60)])"
SIDEBAR_JS = "return Array.from(document.querySelectorAll('nav.hc-nav a.page')).map(a => a.getAttribute('href'))"
TOC_JS = "return Array.from(document.querySelectorAll('aside.hc-toc a')).map(a => a.getAttribute('href'))"
EMPTY_DETAILS_JS = """return Array.from(document.querySelectorAll('table')).filter(t => /Details/.test(t.rows[0] ? t.rows[0].innerText : ''))
  .flatMap(t => Array.from(t.rows).slice(1).filter(r => r.cells.length > 1 && !/^\\*?\\*?Returns/.test(r.cells[0].innerText.trim())
  && !r.cells[r.cells.length - 1].innerText.trim()).map(r => r.cells[0].innerText.trim()))"""
COPY_JS = """const bad = [];
  for (const b of document.querySelectorAll('.hc-copy')) {
    const box = b.parentElement, pre = box.querySelector('pre'), r = b.getBoundingClientRect();
    if (!box.classList.contains('hc-codebox') || !pre) { bad.push('outside its block'); continue; }
    const k = box.getBoundingClientRect(), p = pre.getBoundingClientRect();
    if (r.left < k.left - 1 || r.right > k.right + 1 || r.top < k.top - 1 || r.bottom > k.bottom + 1) bad.push('outside its block');
    else if (r.bottom > p.top + 1 && r.top < p.bottom && r.right > p.left && r.left < p.right) bad.push('covers code');
  }
  return bad"""
CLIPPED_JS = """const w = document.documentElement.clientWidth, bad = [];
  for (const c of document.querySelectorAll('td, th')) {
    const r = c.getBoundingClientRect(); if (r.width === 0 || r.right <= w + 1) continue;
    let a = c.parentElement, scrolls = false;
    while (a && a !== document.body) { const o = getComputedStyle(a).overflowX;
      if ((o === 'auto' || o === 'scroll') && a.scrollWidth > a.clientWidth) { scrolls = true; break; } a = a.parentElement; }
    if (!scrolls) bad.push(c.innerText.slice(0, 30));
  }
  return bad"""
FIGURE_TEXT_JS = """return Array.from(document.querySelectorAll('.jp-OutputArea-output img')).filter(i => i.naturalWidth)
  .map(i => [i.alt.slice(0, 40), i.getBoundingClientRect().width / i.naturalWidth * 10 * 110 / 72])"""
FIGURE_PX = 9   # matplotlib's 10-point text at the plots' 110 dpi, at the size a figure is shown, must stay above this
PARAM_TABLES_JS = """return Array.from(document.querySelectorAll('table')).filter(t => t.innerText.includes('Details') &&
  t.innerText.includes('Type')).length"""
SEARCH_JS = """return hcSearch(arguments[0]).map(h => h.e.url.split('#')[0])"""
LAYOUT_JS = """const w = window.innerWidth, h1 = document.querySelector('h1'), r = h1 ? h1.getBoundingClientRect() : null;
  const paras = Array.from(document.querySelectorAll('.jp-RenderedMarkdown > p')).slice(0, 5).map(p => p.getBoundingClientRect());
  return {w, scroll: document.documentElement.scrollWidth, title: r ? [r.left, r.right, r.width] : null,
          text: paras.length ? Math.min(...paras.map(p => p.width)) : null,
          nav: getComputedStyle(document.querySelector('nav.hc-nav')).display}"""
SEARCHES = {'nbdev_test': 'index.html', 'plot_residuals': 'evaluation.html', 'TrainConfig': 'lora_training.html'}
WIDTHS, SHOWN = (400, 768, 1400), ('index.html', 'evaluation.html', 'lora_training.html')
API_PAGES = ('core', 'images', 'runs', 'cli', 'captioning', 'backbone', 'prior', 'model', 'batching', 'lora_training', 'scoring', 'evaluation',
             'pipeline', 'predict', 'benchmark', 'test_utils', 'tiny')

def _text(page_html:str, searchable:bool=False)->str:
    "What a reader sees: no scripts, styles, top bar, page list or contents box; entities decoded (searchable: no test code)."
    sys.path.insert(0, str(ROOT/'.ci')); from build_docs import TEST_CODE
    t = page_html.split('<body', 1)[-1]
    if searchable: t = TEST_CODE.sub(r'\1', t)
    t = re.sub(r'<script.*?</script>|<style.*?</style>|<header class="hc-top".*?</header>|<nav class="hc-(?:nav|pager)".*?</nav>'
               r'|<aside class="hc-toc".*?</aside>|<img[^>]*>', ' ', t, flags=re.S)
    return ' '.join(html.unescape(re.sub(r'<[^>]+>|¶', ' ', t)).split())

def offline_problems(docs:Path)->list:
    "Anchors that miss, machine paths, stuck progress bars, words the search cannot find, images without alt text."
    pages = {p.name: p.read_text(encoding='utf-8') for p in docs.glob('*.html')}
    ids = {n: set(re.findall(r'\bid="([^"]+)"', h)) for n, h in pages.items()}
    js = (docs/'search_index.js').read_text(encoding='utf-8')
    index = json.loads(js[js.index('['):js.rindex(']') + 1])
    indexed = {}
    for e in index: indexed.setdefault(e['url'].split('#')[0], []).append((e['heading'] + ' ' + e['text']).lower())
    here = [str(ROOT), str(Path.home()) + '/']
    problems, links = [], 0
    for name, page in pages.items():
        for href in re.findall(r'href="([^"]*#[^"]*)"', page):
            if re.match(r'[a-z][a-z0-9+.-]*:', href): continue
            target, frag = href.split('#', 1)
            target = target or name; links += 1
            if target not in pages: problems.append(f'{name}: link {href} goes to a page that does not exist')
            elif frag and frag not in ids[target]: problems.append(f'{name}: link {href} lands on no id of {target}')
        text = _text(page)
        for pat in [r'(?<![\w<])/(?:tmp|root|home)/', *map(re.escape, here)]:
            if m := re.search(pat, text): problems.append(f'{name}: shows a machine path: ...{text[max(0, m.start()-40):m.end()+40]}...')
        if m := re.search(r'(?<![\d.])0%\|', text): problems.append(f'{name}: a progress bar stuck at 0%: ...{text[m.start():m.end()+60]}...')
        for e in index:
            if e['url'].split('#')[0] == name and e['heading'] != e['page'] and '#' not in e['url']:
                problems.append(f"{name}: search entry {e['heading'][:40]!r} has no #fragment (a hit would open the page top)"); break
        found = ' '.join(indexed.get(name, []))
        words = set(w.lower() for w in re.findall(r'[A-Za-z_][A-Za-z0-9_]{2,}|[\u3040-\u30ff\u3400-\u9fff]{2,}', _text(page, True)))
        if missing := sorted(w for w in words if w not in found):
            problems.append(f'{name}: search cannot find {len(missing)} of its words, e.g. {missing[:5]}')
        if n := len(re.findall(r'<img(?![^>]*\balt="[^"]+")[^>]*>', page)): problems.append(f'{name}: {n} images without alt text')
        if m := re.search(r'<function [\w.<>]+ at 0x[0-9a-f]+>|<td>NoneType</td>', html.unescape(page)):
            problems.append(f'{name}: shows {m.group(0)!r} (a default or type that should read as a name)')
        if raw := re.findall(r'<(?:tmp|repo|data|site-packages)>', page): problems.append(f'{name}: {len(raw)} placeholders like {raw[0]} left as tags')
    sys.path.insert(0, str(ROOT))
    from humor_ce._modidx import d as modidx
    api = [(sym, link) for syms in modidx['syms'].values() for sym, (link, _) in syms.items()
           if all(not part.startswith('_') or part == '__call__' for part in sym.split('.')[1:])]
    for sym, link in api:
        page, frag = link.split('#', 1)
        if page in pages and frag.lower() not in ids[page]: problems.append(f'{page}: {sym} is not documented there')
    import importlib
    for module, syms in modidx['syms'].items():
        page = next(iter(syms.values()))[0].split('#')[0] if syms else None
        mod = importlib.import_module(module)
        for n in [n for n in getattr(mod, '__all__', []) if n.isupper() and not callable(getattr(mod, n))]:
            if page in pages and f'<code>{n}</code>' not in pages[page]: problems.append(f'{page}: constant {n} is not shown')
    print(f'offline checks: {len(pages)} pages, {links} links with a #fragment, {len(index)} search entries, '
          f'{len(api)} public functions, classes and methods')
    return problems

def main(min_plots:int):
    docs = ROOT/'_docs'; shots = docs/'_screenshots'; shots.mkdir(exist_ok=True)
    pages = sorted(p.name for p in docs.glob('*.html'))
    if 'index.html' not in pages or 'evaluation.html' not in pages: sys.exit(f'docs check: missing pages in {docs}: {pages}')
    problems = offline_problems(docs)
    d = browser()
    try:
        for page in pages:
            d.get((docs/page).as_uri())
            nav = set(d.execute_script(SIDEBAR_JS))
            if missing := set(pages) - nav: problems.append(f'{page}: sidebar lacks {sorted(missing)}')
            toc = d.execute_script(TOC_JS)
            if not toc or not all(t.startswith('#') for t in toc): problems.append(f'{page}: no in-page contents')
            tables = d.execute_script(PARAM_TABLES_JS)
            if page.removesuffix('.html') in API_PAGES and not tables: problems.append(f'{page}: no parameter table')
            hits = len(d.execute_script(SEARCH_JS, 'prompt'))
            if not hits: problems.append(f'{page}: search for "prompt" finds nothing')
            if empty := d.execute_script(EMPTY_DETAILS_JS):
                problems.append(f'{page}: {len(empty)} parameter or field rows without a description, e.g. {empty[:4]}')
            images = d.execute_script(IMAGES_JS)
            if broken := [src for ok, w, src in images if not ok or w == 0]: problems.append(f'{page}: {len(broken)} broken images')
            d.save_screenshot(str(shots/page.replace('.html', '.png')))
            if images:  # a second screenshot scrolled to the first figure
                d.execute_script("document.images[0].scrollIntoView()"); d.save_screenshot(str(shots/page.replace('.html', '-figures.png')))
            print(f'{page}: {len(images)} images, {len(nav)} sidebar links, {len(toc)} contents entries, '
                  f'{tables} parameter tables, {hits} search hits for "prompt"')
            if page == 'evaluation.html' and sum(w > 0 for _, w, _ in images) < min_plots:
                problems.append(f'evaluation.html: {sum(w > 0 for _, w, _ in images)} plots shown, expected at least {min_plots}')
        d.get((docs/'evaluation.html').as_uri())
        jp = re.findall(r'[\u3040-\u30ff\u3400-\u9fff]{3,}', _text((docs/'evaluation.html').read_text(encoding='utf-8')))
        queries = dict(SEARCHES, **({jp[0]: 'evaluation.html'} if jp else {}))
        if not jp: problems.append('evaluation.html: no Japanese text to search for')
        for q, want in queries.items():
            got = d.execute_script(SEARCH_JS, q)
            print(f'search {q!r}: {len(got)} hits, first pages {got[:3]}')
            if want not in got[:3]: problems.append(f'search for {q!r} does not find {want} among the first hits ({got[:3]})')
        for w in WIDTHS:
            d.set_window_size(w, 1000)
            for page in SHOWN:
                d.get((docs/page).as_uri())
                lay = d.execute_script(LAYOUT_JS)
                d.save_screenshot(str(shots/f"{page.replace('.html', '')}-{w}px.png"))
                print(f'{page} at {w} px: {lay}')
                if lay['scroll'] > lay['w'] + 1: problems.append(f'{page} at {w} px: the page is {lay["scroll"]} px wide')
                if not lay['title'] or lay['title'][0] < 0 or lay['title'][1] > lay['w'] + 1:
                    problems.append(f'{page} at {w} px: the title is off screen ({lay["title"]})')
                if w < 900 and (lay['text'] is None or lay['text'] < 0.8 * (w - 40)):
                    problems.append(f'{page} at {w} px: text {lay["text"]} px wide on a {w} px screen')
                if w < 900 and lay['nav'] != 'none': problems.append(f'{page} at {w} px: the page list covers the text')
                if w >= 900 and lay['title'] and lay['title'][0] < 240: problems.append(f'{page} at {w} px: the page list covers the title')
            for page in pages:  # every page: copy buttons, cells cut at the screen edge, figures too small to read
                d.get((docs/page).as_uri())
                if bad := d.execute_script(COPY_JS): problems.append(f'{page} at {w} px: {len(bad)} Copy buttons {bad[0]}')
                if cut := d.execute_script(CLIPPED_JS): problems.append(f'{page} at {w} px: {len(cut)} table cells cut at the screen edge, e.g. {cut[:3]}')
                if small := [(a, round(px, 1)) for a, px in d.execute_script(FIGURE_TEXT_JS) if px < FIGURE_PX]:
                    problems.append(f'{page} at {w} px: figure text drawn below {FIGURE_PX} px in {small[:3]}')
    finally: d.quit()
    if problems: sys.exit('docs check failed:\n  ' + '\n  '.join(problems))
    print(f'docs check passed: {len(pages)} pages; screenshots in {shots}')

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--min-plots', type=int, default=4, help='plots the evaluation page must show (default 4)')
    main(p.parse_args().min_plots)
