"""Exported code stays within 120 characters a line (nbdev's generated `__all__` lines and `_modidx.py` aside).

    python .ci/check_lines.py
"""
import pathlib, sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
long = [f'{p.relative_to(ROOT)}:{i}: {len(l)} characters' for p in sorted((ROOT/'humor_ce').glob('*.py')) if p.name != '_modidx.py'
        for i, l in enumerate(p.read_text(encoding='utf-8').splitlines(), 1)
        if len(l) > 120 and not l.startswith(('__all__ = ', "           '"))]
print('\n'.join(long) or 'exported lines: all within 120 characters')
sys.exit(f'{len(long)} exported lines over 120 characters: shorten them in the notebooks' if long else 0)
