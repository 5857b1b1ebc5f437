"""Open the built docs site in headless Chromium and check what a reader would see.

    python .ci/check_docs.py [--min-plots N]

Every page in _docs/ must load with a sidebar linking to every other page, an in-page table of contents, a search box
that finds things, and no broken image; every API page must show at least one parameter table (from docments); the
evaluation page must show at least N plots (images whose natural width is non-zero). Screenshots go to
_docs/_screenshots/.
"""
import argparse, os, shutil, sys, tempfile
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
SIDEBAR_JS = "return Array.from(document.querySelectorAll('nav.humor-ce-nav a.page')).map(a => a.getAttribute('href'))"
TOC_JS = "return Array.from(document.querySelectorAll('aside.humor-ce-toc a')).map(a => a.getAttribute('href'))"
PARAM_TABLES_JS = """return Array.from(document.querySelectorAll('table')).filter(t => t.innerText.includes('Details') &&
  t.innerText.includes('Type')).length"""
SEARCH_JS = """humorCeSearch(arguments[0]); const n = document.querySelectorAll('#humor-ce-hits a').length;
  humorCeSearch(''); return n"""
API_PAGES = ('core', 'captioning', 'backbone', 'prior', 'model', 'batching', 'lora_training', 'scoring', 'evaluation',
             'pipeline', 'predict', 'benchmark', 'test_utils', 'tiny')

def main(min_plots:int):
    docs = ROOT/'_docs'; shots = docs/'_screenshots'; shots.mkdir(exist_ok=True)
    pages = sorted(p.name for p in docs.glob('*.html'))
    if 'index.html' not in pages or 'evaluation.html' not in pages: sys.exit(f'docs check: missing pages in {docs}: {pages}')
    d, problems = browser(), []
    try:
        for page in pages:
            d.get((docs/page).as_uri())
            nav = set(d.execute_script(SIDEBAR_JS))
            if missing := set(pages) - nav: problems.append(f'{page}: sidebar lacks {sorted(missing)}')
            toc = d.execute_script(TOC_JS)
            if not toc or not all(t.startswith('#') for t in toc): problems.append(f'{page}: no in-page contents')
            tables = d.execute_script(PARAM_TABLES_JS)
            if page.removesuffix('.html') in API_PAGES and not tables: problems.append(f'{page}: no parameter table')
            hits = d.execute_script(SEARCH_JS, 'prompt')
            if not hits: problems.append(f'{page}: search for "prompt" finds nothing')
            images = d.execute_script(IMAGES_JS)
            if broken := [src for ok, w, src in images if not ok or w == 0]: problems.append(f'{page}: {len(broken)} broken images')
            d.save_screenshot(str(shots/page.replace('.html', '.png')))
            if images:  # a second screenshot scrolled to the first figure
                d.execute_script("document.images[0].scrollIntoView()"); d.save_screenshot(str(shots/page.replace('.html', '-figures.png')))
            print(f'{page}: {len(images)} images, {len(nav)} sidebar links, {len(toc)} contents entries, '
                  f'{tables} parameter tables, {hits} search hits for "prompt"')
            if page == 'evaluation.html' and sum(w > 0 for _, w, _ in images) < min_plots:
                problems.append(f'evaluation.html: {sum(w > 0 for _, w, _ in images)} plots shown, expected at least {min_plots}')
    finally: d.quit()
    if problems: sys.exit('docs check failed:\n  ' + '\n  '.join(problems))
    print(f'docs check passed: {len(pages)} pages; screenshots in {shots}')

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--min-plots', type=int, default=4, help='plots the evaluation page must show (default 4)')
    main(p.parse_args().min_plots)
